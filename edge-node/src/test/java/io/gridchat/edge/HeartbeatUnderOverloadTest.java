package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastOverloadException;
import com.hazelcast.map.IMap;
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
 * An edge node whose grid calls are at edge.maxGridCallsInFlight cannot send its heartbeat (the client refuses it
 * at once); once the grid catches up it must beat again, or the grid takes the live node for dead and drops its
 * connections. It did not: the refused beat escaped the beat timer and cancelled it for good.
 */
class HeartbeatUnderOverloadTest {
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
        List<CompletableFuture<?>> waiting = new ArrayList<>();
        try (PartitionStall stall = PartitionStall.hold(member, key)) {
            // Fills every call slot the node's own long-polls (topic reads) leave: the last one is refused.
            boolean full = false;
            for (int i = 0; i < MAX_GRID_CALLS && !full; i++) {
                try {
                    waiting.add(edge.grid().rooms().getAsync(key).toCompletableFuture());
                } catch (HazelcastOverloadException e) {
                    full = true;
                }
            }
            assertThat(full).as("the call slots are full").isTrue();
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
}
