package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.impl.RingbufferService;
import com.hazelcast.topic.ITopic;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.delivery.InboxListener;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.MapNames;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An edge node that fell further behind than its inbox holds lost deliveries for good (the ring overwrote them),
 * and its clients would only notice at a room's next message, if any. The node closes its connections with 1013
 * so that clients reconnect and resume: every acknowledged message still reaches them.
 */
class InboxOverrunTest {
    private static final int INBOX_CAPACITY = 1000;
    private static final int MESSAGES = 5;
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 1, Map.of("grid.edgeInboxCapacity", Integer.toString(INBOX_CAPACITY)));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_the_inbox_overruns_then_the_node_closes_its_connections_and_a_resume_gets_every_message()
            throws Exception {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        String room = api.createRoom(alice, "overrun", "group");
        EdgeServices edge = platform.edge(0).services();
        HazelcastInstance member = platform.members().get(0).instance();
        String inboxName = MapNames.edgeInbox(edge.edgeId());
        Ringbuffer<Object> inbox = member.getRingbuffer(RingbufferService.TOPIC_RB_PREFIX + inboxName);
        List<String> sent = new ArrayList<>();
        try (WsClient ws = WsClient.connect(platform.ws(0, alice.token()))) {
            ws.ack("join", "room", room);
            CountDownLatch held = new CountDownLatch(1);
            // The node's inbox reader hands each batch to this thread: holding it stops the reader.
            edge.grid().topicListenerThread().execute(() -> awaitQuietly(held));
            try {
                long tailBefore = inbox.tailSequence();
                for (int i = 1; i <= MESSAGES; i++) {
                    sent.add("m" + i);
                    ws.ack("send", "room", room, "text", "m" + i);
                }
                Awaitility.await("the messages in the inbox").atMost(Duration.ofSeconds(30))
                        .until(() -> inbox.tailSequence() >= tailBefore + MESSAGES);
                // Events for another user push the messages out of the ring before the node read them.
                ITopic<EdgeEvent> topic = member.getReliableTopic(inboxName);
                EdgeEvent filler = new EdgeEvent(edge.edgeId(), "", "{\"type\":\"filler\"}", List.of(bob.userId()));
                for (int i = 0; i < 2; i++) {
                    topic.publishAll(Collections.nCopies(INBOX_CAPACITY, filler));
                }
                assertThat(inbox.headSequence()).as("the ring overwrote the messages")
                        .isGreaterThan(tailBefore + MESSAGES);
            } finally {
                held.countDown();
            }
            WsClient.Close close = ws.awaitClose();
            assertThat(close.code()).as("try again later").isEqualTo(1013);
            assertThat(close.reason()).isEqualTo(InboxListener.OVERRUN_REASON);
        }

        try (WsClient again = WsClient.connect(platform.ws(0, alice.token()))) {
            JsonNode resumed = again.ack("resume", "room", room, "afterSeq", 0);
            assertThat(resumed.get("messages")).extracting(message -> message.get("text").asText())
                    .containsExactlyElementsOf(sent);
        }
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                platform.http(0).resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).as("operators see the loss").containsPattern("gridchat_edge_inbox_lost_total [1-9]");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
