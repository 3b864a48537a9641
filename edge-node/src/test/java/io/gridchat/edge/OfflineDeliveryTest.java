package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages sent to a group member with no connection are pushed, in order, when they next connect. */
class OfflineDeliveryTest {
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(2, 2, Map.of("grid.offlinePushLimit", "300"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static Account offlineMemberOf(String room, ApiClient api) {
        Account bob = api.register(ApiClient.uniqueName("bob"));
        platform.joinThenGoAway(1, bob, room);
        return bob;
    }

    @Test
    void when_a_member_was_offline_while_200_messages_arrived_then_all_200_are_pushed_in_order_on_connect() {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        String room = api.createRoom(alice, "offline", "group");
        Account bob = offlineMemberOf(room, api);
        try (WsClient sender = WsClient.connect(platform.ws(0, alice.token()))) {
            sender.ack("join", "room", room);
            for (int i = 1; i <= 200; i++) {
                sender.ack("send", "room", room, "text", "missed " + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> platform.lastQueuedOffline(bob.userId(), room) == 200);

            try (WsClient back = WsClient.connect(platform.ws(1, bob.token()))) {
                for (int seq = 1; seq <= 200; seq++) {
                    JsonNode message = back.awaitMessage(room);
                    assertThat(message.get("seq").asLong()).isEqualTo(seq);
                    assertThat(message.get("text").asText()).isEqualTo("missed " + seq);
                }
                sender.ack("send", "room", room, "text", "live");
                assertThat(back.awaitMessage(room).get("seq").asLong()).isEqualTo(201);
            }
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> platform.lastQueuedOffline(bob.userId(), room) == -1);
        }
    }

    @Test
    void when_more_than_the_push_limit_was_missed_then_a_backlog_frame_says_what_to_page() {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        String room = api.createRoom(alice, "busy", "group");
        Account bob = offlineMemberOf(room, api);
        try (WsClient sender = WsClient.connect(platform.ws(0, alice.token()))) {
            sender.ack("join", "room", room);
            for (int i = 1; i <= 301; i++) {
                sender.ack("send", "room", room, "text", "lots " + i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> platform.lastQueuedOffline(bob.userId(), room) == 301);
            try (WsClient back = WsClient.connect(platform.ws(0, bob.token()))) {
                JsonNode backlog = back.await(node -> "backlog".equals(node.path("type").asText()));
                assertThat(backlog.get("room").asText()).isEqualTo(room);
                assertThat(backlog.get("fromSeq").asLong()).isEqualTo(1);
                assertThat(backlog.get("lastSeq").asLong()).isEqualTo(301);
                assertThat(back.ack("history", "room", room, "limit", 300).get("messages")).hasSize(300);
            }
        }
    }
}
