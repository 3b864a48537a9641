package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.Ringbuffer;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.MapNames;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Grid calls an edge node makes while its calls in flight are at edge.maxGridCallsInFlight are refused at once
 * (the client throws). Nothing may stay stuck after the grid catches up: the heartbeat must beat again (a refused
 * beat used to cancel the beat timer, and the grid then dropped the live node's connections), and read receipts of
 * the same room must be answered again (a refused receipt call used to leave its window open for good). A
 * refused beat is sent again as soon as a slot frees: three refused in a row made the grid drop the node. Client
 * requests are refused before, at four fifths of the limit, so the node's own calls (its inbox reader) find slots.
 */
class RefusedGridCallsTest {
    private static final int MAX_GRID_CALLS = 100;
    private static final int BEAT_SECONDS = 1;
    private static final long ABSORB_MILLIS = 300;
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
    void when_the_grid_does_not_answer_then_a_stopping_node_gives_up_dropping_its_connections_after_its_wait()
            throws Exception {
        EdgeServices edge = platform.edge(0).services();
        // The sweeps visit every partition, so one partition thread held keeps them from finishing.
        String key = "drop-" + System.nanoTime();
        try (PartitionStall stall = PartitionStall.hold(platform.members().get(0).instance(), key)) {
            long start = System.nanoTime();
            edge.presence().dropStoppingEdge("e-gone-" + System.nanoTime());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a stopping node is not held by the grid")
                    .isLessThan(Duration.ofSeconds(20));
        }
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
    void when_a_beat_is_refused_at_the_limit_then_it_goes_through_as_soon_as_a_slot_frees_not_a_beat_later()
            throws Exception {
        EdgeServices edge = platform.edge(0).services();
        HazelcastInstance member = platform.members().get(0).instance();
        String key = "stalled-" + System.nanoTime();
        String otherEdge = "beat-probe-" + System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        EdgeHeartbeat heartbeat = null;
        try {
            List<CompletableFuture<?>> waiting;
            long releasing;
            try (PartitionStall stall = PartitionStall.hold(member, key)) {
                waiting = fillCallSlots(edge, key);
                // a second heartbeat on the node's grid client, beating once a minute: its first beat is refused
                heartbeat = new EdgeHeartbeat(edge.grid(), otherEdge, 60, timer);
                releasing = System.currentTimeMillis();
            }
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            IMap<String, Long> beats = member.getMap(MapNames.EDGES);
            Awaitility.await("the refused beat, sent again").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> beats.get(otherEdge) != null);
            assertThat(beats.get(otherEdge)).as("sent after the slots freed").isGreaterThanOrEqualTo(releasing);
        } finally {
            if (heartbeat != null) {
                heartbeat.close();
            }
            timer.shutdownNow();
        }
    }

    @Test
    void when_a_read_receipt_is_refused_at_the_limit_then_the_next_read_of_the_room_is_answered() throws Exception {
        try (Platform.InRoom alice = platform.ownerInNewGroup("receipts")) {
            WsClient ws = alice.ws();
            String room = alice.room();
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

    @Test
    void when_the_inbox_reader_is_refused_its_next_read_at_the_limit_then_messages_reach_the_node_again_after()
            throws Exception {
        try (Platform.InRoom alice = platform.ownerInNewGroup("inbox")) {
            WsClient ws = alice.ws();
            String room = alice.room();
            EdgeServices edge = platform.edge(0).services();
            HazelcastInstance member = platform.members().get(0).instance();
            String inbox = MapNames.edgeInbox(edge.edgeId());
            Executor listenerThread = edge.grid().topicListenerThread();
            // The slots are held by reads waiting for an item of an empty ring, not by a stalled partition: the
            // node's own heartbeat, sent again while refused, must not find its partition stalled when it takes
            // the slot the reader frees, or the test could never take one.
            try (WaitingReads reads = new WaitingReads(edge, member)) {
                List<CompletableFuture<?>> waiting = fillCallSlots(reads::start);
                CountDownLatch held = new CountDownLatch(1);
                listenerThread.execute(() -> awaitQuietly(held));
                // The reader's waiting read returns with this event and frees its call slot; its callback waits
                // behind the held listener thread while the slot is taken, so its call for the next batch is refused.
                member.<EdgeEvent>getReliableTopic(inbox).publish(new EdgeEvent(edge.edgeId(), room,
                        "{\"type\":\"probe\"}", List.of(alice.user().userId())));
                Awaitility.await("the reader's slot freed").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(5)).until(() -> CallSlots.take(reads::start, waiting));
                held.countDown();
                ws.await(frame -> frame.path("type").asText().equals("probe"));
                CompletableFuture<Void> afterTheCallback = CompletableFuture.runAsync(() -> { }, listenerThread);
                afterTheCallback.get(10, TimeUnit.SECONDS);
            }

            ws.ack("send", "room", room, "text", "after the limit");

            JsonNode message = ws.await(frame -> frame.path("type").asText().equals("message")
                    && frame.path("text").asText().equals("after the limit"), Duration.ofSeconds(30));
            assertThat(message.path("room").asText()).isEqualTo(room);
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    platform.http(0).resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).as("operators see the renewal")
                    .containsPattern("gridchat_edge_renewed_readers_total\\{topic=\"inbox\"\\} [1-9]");
        }
    }

    @Test
    void when_requests_fill_their_share_of_the_call_limit_then_they_are_refused_and_the_inbox_still_delivers()
            throws Exception {
        try (Platform.InRoom alice = platform.ownerInNewGroup("share")) {
            WsClient ws = alice.ws();
            String room = alice.room();
            EdgeServices edge = platform.edge(0).services();
            HazelcastInstance member = platform.members().get(0).instance();
            // Calls that wait for an item of an empty ring stand for requests the grid has not answered yet.
            try (WaitingReads reads = new WaitingReads(edge, member)) {
                LongSupplier inFlight = CallsInFlight.of(edge.grid().client());
                while (inFlight.getAsLong() < Grid.requestCallLimit(MAX_GRID_CALLS)) {
                    reads.start();
                }
                JsonNode refused = ws.request("send", "room", room, "text", "refused");
                assertThat(refused.path("code").asText()).isEqualTo("UNAVAILABLE");
                assertThat(refused.path("retryAfterMs").asLong()).isPositive();

                member.<EdgeEvent>getReliableTopic(MapNames.edgeInbox(edge.edgeId())).publish(new EdgeEvent(
                        edge.edgeId(), room, "{\"type\":\"probe\"}", List.of(alice.user().userId())));
                ws.await(frame -> frame.path("type").asText().equals("probe"), Duration.ofSeconds(5));
            }

            ws.ack("send", "room", room, "text", "after the share freed");
        }
    }

    /**
     * Calls of the node's grid client that hold their slot until {@link #close()}: reads waiting for an item of an
     * empty ring, so no partition thread is held.
     */
    private static final class WaitingReads implements AutoCloseable {
        private final HazelcastInstance member;
        private final String name = "test-slots-" + System.nanoTime();
        private final Ringbuffer<String> ring;
        private final long next;
        private final List<CompletableFuture<?>> started = new ArrayList<>();

        WaitingReads(EdgeServices edge, HazelcastInstance member) {
            this.member = member;
            this.ring = edge.grid().client().getRingbuffer(name);
            this.next = ring.tailSequence() + 1;
        }

        /** Starts one more waiting read (the client throws when it refuses it). */
        CompletionStage<?> start() {
            CompletableFuture<?> read = ring.readManyAsync(next, 1, 1, null).toCompletableFuture();
            started.add(read);
            return read;
        }

        /** Lets every read return and waits until they did. */
        @Override
        public void close() throws Exception {
            member.getRingbuffer(name).add("release");
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes every call slot the node's own long-polls (topic reads) leave, with calls held by the stall. */
    private static List<CompletableFuture<?>> fillCallSlots(EdgeServices edge, String stalledKey)
            throws InterruptedException {
        return fillCallSlots(() -> edge.grid().rooms().getAsync(stalledKey));
    }

    private static List<CompletableFuture<?>> fillCallSlots(Supplier<CompletionStage<?>> call)
            throws InterruptedException {
        List<CompletableFuture<?>> waiting = new ArrayList<>();
        while (CallSlots.take(call, waiting)) {
            if (waiting.size() > MAX_GRID_CALLS) {
                throw new AssertionError("the call slots never filled: the limit is not in force");
            }
        }
        // The node's own short calls in flight at that moment (a heartbeat, a subscription probe) end within
        // milliseconds and free their slots: take those too, so only calls held by the stall remain.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ABSORB_MILLIS);
        while (System.nanoTime() < until) {
            if (!CallSlots.take(call, waiting)) {
                Thread.sleep(5);
            }
        }
        return waiting;
    }
}
