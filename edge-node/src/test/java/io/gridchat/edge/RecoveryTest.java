package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reconnects and devices: a client whose edge node dies resumes on another one with no gap and no
 * duplicate, and a user with several connections gets every message on each.
 */
class RecoveryTest {
    private static Platform platform;

    @BeforeAll
    static void start() {
        // A window of 8 messages in memory: a resume over 20 missed messages reads most of them from MySQL.
        platform = Platform.start(2, 3, Map.of("edge.heartbeatSeconds", "1", "grid.recentMessages", "8"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_a_clients_edge_node_dies_then_it_resumes_on_another_from_memory_and_mysql_with_no_gap_or_duplicate() {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        String room = api.createRoom(alice, "survivors", "group");
        try (WsClient sender = WsClient.connect(platform.ws(0, alice.token()))) {
            sender.ack("join", "room", room);
            WsClient doomed = WsClient.connect(platform.ws(2, bob.token()));
            doomed.ack("join", "room", room);
            for (int i = 1; i <= 10; i++) {
                sender.ack("send", "room", room, "text", "before " + i);
            }
            long lastSeen = 0;
            for (int i = 1; i <= 10; i++) {
                lastSeen = doomed.awaitMessage(room).get("seq").asLong();
            }

            String deadEdge = platform.edge(2).edgeId();
            platform.edge(2).terminate();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(doomed::isClosed);
            Awaitility.await("the dead node's connections are forgotten").atMost(Duration.ofSeconds(30))
                    .until(() -> sessionsOn(deadEdge) == 0);
            for (int i = 1; i <= 20; i++) {
                sender.ack("send", "room", room, "text", "while away " + i);
            }

            // Evicted messages are read from MySQL once the write-behind stored them (README, known limits).
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> platform.storedSeqs(room).size() == 30);
            try (WsClient back = WsClient.connect(platform.ws(1, bob.token()))) {
                JsonNode resumed = back.ack("resume", "room", room, "afterSeq", lastSeen);
                List<Long> seqs = new ArrayList<>();
                resumed.get("messages").forEach(m -> seqs.add(m.get("seq").asLong()));
                assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(11, 30).boxed().toList());

                sender.ack("send", "room", room, "text", "live again");
                // Missed messages may also be pushed from the offline queue as events (before the resume ack
                // got there); as events, each seq comes once, in order, up to the live one.
                List<Long> events = new ArrayList<>();
                JsonNode event;
                do {
                    event = back.awaitMessage(room);
                    events.add(event.get("seq").asLong());
                } while (!"live again".equals(event.get("text").asText()));
                assertThat(events).as("no duplicate, in order").doesNotHaveDuplicates().isSorted();
                assertThat(events).last().isEqualTo(31L);
                assertThat(events).allMatch(seq -> seq > 10);
            }
        }
    }

    private static long sessionsOn(String edgeId) {
        return platform.members().get(0).instance().<String, UserSessions>getMap(MapNames.SESSIONS).values().stream()
                .flatMap(sessions -> sessions.connections().stream())
                .filter(connection -> connection.edgeId().equals(edgeId)).count();
    }

    @Test
    void when_a_user_has_connections_on_two_edges_then_each_gets_every_message() {
        ApiClient api = new ApiClient(platform.http(0));
        Account carol = api.register(ApiClient.uniqueName("carol"));
        Account dave = api.register(ApiClient.uniqueName("dave"));
        String room = api.createRoom(carol, "devices", "group");
        try (WsClient phone = WsClient.connect(platform.ws(0, carol.token()));
             WsClient laptop = WsClient.connect(platform.ws(1, carol.token()));
             WsClient other = WsClient.connect(platform.ws(1, dave.token()))) {
            phone.ack("join", "room", room);
            other.ack("join", "room", room);
            for (int i = 1; i <= 5; i++) {
                other.ack("send", "room", room, "text", "to all devices " + i);
            }
            phone.ack("send", "room", room, "text", "from the phone");
            for (WsClient device : List.of(phone, laptop)) {
                for (int seq = 1; seq <= 6; seq++) {
                    assertThat(device.awaitMessage(room).get("seq").asLong()).isEqualTo(seq);
                }
            }
        }
    }

    @Test
    void when_a_device_connects_then_it_gets_every_message_sent_after_its_socket_opened() {
        ApiClient api = new ApiClient(platform.http(0));
        Account erin = api.register(ApiClient.uniqueName("erin"));
        String room = api.createRoom(erin, "late devices", "group");
        try (WsClient phone = WsClient.connect(platform.ws(0, erin.token()))) {
            phone.ack("join", "room", room);
            for (int attempt = 1; attempt <= 20; attempt++) {
                try (WsClient tablet = WsClient.connect(platform.ws(1, erin.token()))) {
                    long seq = phone.ack("send", "room", room, "text", "right after " + attempt).get("seq").asLong();
                    assertThat(tablet.awaitMessage(room).get("seq").asLong()).as("attempt %d", attempt)
                            .isEqualTo(seq);
                    assertThat(phone.awaitMessage(room).get("seq").asLong()).isEqualTo(seq);
                }
            }
        }
    }
}
