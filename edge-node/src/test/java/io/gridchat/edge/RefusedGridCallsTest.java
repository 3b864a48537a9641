package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastOverloadException;
import com.hazelcast.map.IMap;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grid calls an edge node makes while its calls in flight are at edge.maxGridCallsInFlight are refused at once
 * (the client throws). Nothing may stay stuck after the grid catches up: the heartbeat must beat again (a refused
 * beat used to cancel the beat timer, and the grid then dropped the live node's connections), and read receipts of
 * the same room must be answered again (a refused receipt call used to leave its window open for good).
 */
class RefusedGridCallsTest {
    private static final int MAX_GRID_CALLS = 100;
    private static final int BEAT_SECONDS = 1;
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 1, Map.of("edge.maxGridCallsInFlight", Integer.toString(MAX_GRID_CALLS),
                "edge.heartbeatSeconds", Integer.toString(BEAT_SECONDS)));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_the_grid_calls_in_flight_are_at_the_limit_through_several_beats_then_the_node_beats_again_after()
            throws Exception {
        EdgeServices edge = platform.edge(0).services();
        HazelcastInstance member = platform.members().get(0).instance();
        String key = "stalled-" + System.nanoTime();
        List<CompletableFuture<?>> waiting;
        try (PartitionStall stall = PartitionStall.hold(member, key)) {
            waiting = fillCallSlots(edge, key);
            // Two beats come due while every call slot is taken (the entry's TTL is three). A plain wait: the
            // member cannot be asked meanwhile, its heartbeat entry may sit behind the stalled partition thread.
            Thread.sleep(2_500L * BEAT_SECONDS);
        }
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        long released = System.currentTimeMillis();
        IMap<String, Long> beats = member.getMap(MapNames.EDGES);

        Awaitility.await("a heartbeat after the grid caught up").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    Long last = beats.get(edge.edgeId());
                    return last != null && last >= released;
                });
    }

    @Test
    void when_a_read_receipt_is_refused_at_the_limit_then_the_next_read_of_the_room_is_answered() throws Exception {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        String room = api.createRoom(alice, "receipts", "group");
        try (WsClient ws = WsClient.connect(platform.ws(0, alice.token()))) {
            ws.ack("join", "room", room);
            ws.ack("send", "room", room, "text", "one");
            ws.ack("send", "room", room, "text", "two");
            EdgeServices edge = platform.edge(0).services();
            String key = "stalled-" + System.nanoTime();
            List<CompletableFuture<?>> waiting;
            try (PartitionStall stall = PartitionStall.hold(platform.members().get(0).instance(), key)) {
                waiting = fillCallSlots(edge, key);
                assertThat(ws.request("read", "room", room, "seq", 1).path("code").asText())
                        .isEqualTo("UNAVAILABLE");
            }
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            assertThat(ws.request("read", "room", room, "seq", 2).path("type").asText())
                    .as("the read after the grid caught up").isEqualTo("ack");
        }
    }

    /** Takes every call slot the node's own long-polls (topic reads) leave, with calls held by the stall. */
    private static List<CompletableFuture<?>> fillCallSlots(EdgeServices edge, String stalledKey) {
        List<CompletableFuture<?>> waiting = new ArrayList<>();
        for (int i = 0; i < MAX_GRID_CALLS; i++) {
            try {
                waiting.add(edge.grid().rooms().getAsync(stalledKey).toCompletableFuture());
            } catch (HazelcastOverloadException e) {
                return waiting;
            }
        }
        throw new AssertionError("the call slots never filled: the limit is not in force");
    }
}
