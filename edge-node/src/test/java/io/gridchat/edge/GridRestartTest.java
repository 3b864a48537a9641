package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A full, graceful restart of the grid on the same MariaDB: every acknowledged message is in history, in
 * order, whether the grid still holds it in memory or it is read back from MySQL.
 */
class GridRestartTest {
    private static Platform platform;

    @BeforeAll
    static void start() {
        platform = Platform.start(2, 1);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_the_whole_grid_restarts_then_every_acked_message_is_in_history_in_order_and_read_positions_and_friends_are_kept() {
        ApiClient api = new ApiClient(platform.http(0));
        Account ivy = api.register(ApiClient.uniqueName("ivy"));
        Account away = api.register(ApiClient.uniqueName("away"));
        String room = api.createRoom(ivy, "restart room", "group");
        platform.joinThenGoAway(0, away, room);
        List<String> sent = new ArrayList<>();
        WsClient stayingOpen = WsClient.connect(platform.ws(0, ivy.token()));
        stayingOpen.ack("join", "room", room);
        for (int i = 1; i <= 150; i++) {
            sent.add(stayingOpen.ack("send", "room", room, "text", "message " + i).get("msgId").asText());
        }
        for (int i = 1; i <= 150; i++) {
            assertThat(stayingOpen.awaitMessage(room).get("seq").asLong()).isEqualTo(i);
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                platform.lastQueuedOffline(away.userId(), room) == 150);
        stayingOpen.ack("read", "room", room, "seq", 120);
        api.befriend(ivy, away);

        StudyRoomState study = studyRoomState(api, ivy, away);

        platform.stopGrid();
        Awaitility.await("clients are told the grid is away").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    ApiClient.Response answer = api.call("GET", "/api/v1/rooms/" + room, ivy.token(), null);
                    return answer.status() == 503 && answer.body().get("error").asText().equals("UNAVAILABLE")
                            && answer.body().get("retryAfterMs").asLong() > 0;
                });
        JsonNode refused = stayingOpen.request("history", "room", room);
        assertThat(refused.get("code").asText()).isEqualTo("UNAVAILABLE");
        platform.startGrid();

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.call("GET", "/api/v1/rooms/" + room, ivy.token(), null).status() == 200);
        List<JsonNode> history = new ArrayList<>();
        Long before = null;
        do {
            String query = "/api/v1/rooms/" + room + "/messages?limit=40" + (before == null ? "" : "&beforeSeq=" + before);
            JsonNode page = api.call("GET", query, ivy.token(), null).body().get("messages");
            List<JsonNode> older = new ArrayList<>();
            page.forEach(older::add);
            history.addAll(0, older);
            before = older.isEmpty() ? 1 : older.get(0).get("seq").asLong();
        } while (before > 1);

        assertThat(history).extracting(m -> m.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 150).boxed().toList());
        assertThat(history).extracting(m -> m.get("msgId").asText()).containsExactlyElementsOf(sent);
        assertThat(history).extracting(m -> m.get("text").asText()).startsWith("message 1", "message 2");

        try (WsClient client = WsClient.connect(platform.ws(0, ivy.token()))) {
            JsonNode join = client.ack("join", "room", room);
            assertThat(join.get("lastSeq").asLong()).isEqualTo(150);
            assertThat(join.get("readSeq").asLong()).as("read position kept in MySQL").isEqualTo(120);
            assertThat(api.call("GET", "/api/v1/friends", ivy.token(), null).body().get("friends")
                    .findValuesAsText("userId")).as("friends kept in MySQL").containsExactly(away.userId());
            assertThat(join.get("recent")).hasSize(50);
            assertThat(client.ack("send", "room", room, "text", "after restart").get("seq").asLong()).isEqualTo(151);
            assertThat(client.awaitMessage(room).get("seq").asLong()).isEqualTo(151);
            // the socket that stayed open through the restart was registered again and still receives
            assertThat(stayingOpen.awaitMessage(room).get("text").asText()).isEqualTo("after restart");
        } finally {
            stayingOpen.close();
        }

        assertStudyRoomStateKept(api, study);

        // the member who was away before the restart still gets everything pushed, in order, on connect
        try (WsClient back = WsClient.connect(platform.ws(0, away.token()))) {
            for (int seq = 1; seq <= 151; seq++) {
                assertThat(back.awaitMessage(room).get("seq").asLong()).isEqualTo(seq);
            }
        }
    }

    /** A study room with a moderator, a ban, a new topic and a running timer, made before the restart. */
    private record StudyRoomState(String room, Account owner, Account moderator, Account banned, long timerEndsAt) {
    }

    private static StudyRoomState studyRoomState(ApiClient api, Account owner, Account moderator) {
        Account banned = api.register(ApiClient.uniqueName("ban"));
        String room = api.call("POST", "/api/v1/rooms", owner.token(),
                "{\"name\":\"kept\",\"kind\":\"study\",\"topic\":\"before\"}").body().get("roomId").asText();
        String base = "/api/v1/rooms/" + room;
        assertThat(api.call("POST", base + "/members", owner.token(), "{\"userId\":\"" + moderator.userId() + "\"}")
                .status()).isEqualTo(201);
        assertThat(api.call("PUT", base + "/members/" + moderator.userId() + "/role", owner.token(),
                "{\"role\":\"moderator\"}").status()).isEqualTo(200);
        assertThat(api.call("POST", base + "/bans", moderator.token(), "{\"userId\":\"" + banned.userId() + "\"}")
                .status()).isEqualTo(201);
        assertThat(api.call("PATCH", base, owner.token(), "{\"topic\":\"after the restart too\"}").status())
                .isEqualTo(200);
        long endsAt = api.call("POST", base + "/timer", owner.token(), "{\"action\":\"start\",\"durationMs\":3600000}")
                .body().get("endsAt").asLong();
        return new StudyRoomState(room, owner, moderator, banned, endsAt);
    }

    private void assertStudyRoomStateKept(ApiClient api, StudyRoomState study) {
        String base = "/api/v1/rooms/" + study.room();
        JsonNode room = api.call("GET", base, study.owner().token(), null).body();
        assertThat(room.get("topic").asText()).as("topic kept in MySQL").isEqualTo("after the restart too");
        assertThat(room.get("timer").get("state").asText()).as("timer kept in MySQL").isEqualTo("running");
        assertThat(room.get("timer").get("endsAt").asLong()).isEqualTo(study.timerEndsAt());
        try (WsClient banned = WsClient.connect(platform.ws(0, study.banned().token()))) {
            assertThat(banned.request("join", "room", study.room()).get("message").asText()).as("ban kept in MySQL")
                    .contains("banned");
        }
        assertThat(api.call("DELETE", base + "/bans/" + study.banned().userId(), study.moderator().token(), null)
                .status()).as("moderator role kept in MySQL").isEqualTo(204);
    }
}
