package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.query.Predicates;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Room creation limits, roles, invites, kicks, bans, rename and topic, and the study timer, over the shared
 * platform.
 */
@ExtendWith(SharedPlatform.class)
class RoomModerationTest {
    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private ApiClient api;
    private Account ann;
    private Account ben;
    private Account cid;

    RoomModerationTest(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void threeUsers() {
        api = new ApiClient(platform.http(0));
        ann = api.register(ApiClient.uniqueName("ann"));
        ben = api.register(ApiClient.uniqueName("ben"));
        cid = api.register(ApiClient.uniqueName("cid"));
    }

    private WsClient connect(int edge, Account account) {
        return sockets.connect(platform.ws(edge, account.token()));
    }

    private Response call(String method, String path, Account caller, ObjectNode body) {
        return api.call(method, path, caller.token(), body == null ? null : Json.write(body));
    }

    private static Predicate<JsonNode> event(String type, String room) {
        return node -> type.equals(node.path("type").asText()) && room.equals(node.path("room").asText());
    }

    private int invite(String room, Account by, Account whom) {
        return call("POST", "/api/v1/rooms/" + room + "/members", by, Json.object().put("userId", whom.userId()))
                .status();
    }

    @Test
    void when_a_new_room_s_name_or_topic_is_over_its_limit_then_bad_request_and_no_room_is_created() {
        int maxName = platform.config().limits().maxRoomNameLength();
        int maxTopic = platform.config().limits().maxTopicLength();
        ObjectNode longName = Json.object().put("name", "n".repeat(maxName + 1)).put("kind", "group");
        ObjectNode longTopic = Json.object().put("name", "topical").put("kind", "study")
                .put("topic", "t".repeat(maxTopic + 1));

        Response nameRefused = call("POST", "/api/v1/rooms", ann, longName);
        Response topicRefused = call("POST", "/api/v1/rooms", ann, longTopic);

        assertThat(nameRefused.status()).isEqualTo(400);
        assertThat(nameRefused.body().get("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(nameRefused.body().get("message").asText()).contains("name", Integer.toString(maxName));
        assertThat(topicRefused.status()).isEqualTo(400);
        assertThat(topicRefused.body().get("error").asText()).isEqualTo("BAD_REQUEST");
        assertThat(topicRefused.body().get("message").asText()).contains("topic", Integer.toString(maxTopic));
        assertThat(roomsOwnedBy(ann)).as("rooms created by the refused calls").isEmpty();

        ObjectNode atTheLimits = Json.object().put("name", "n".repeat(maxName)).put("kind", "study")
                .put("topic", "t".repeat(maxTopic));
        Response created = call("POST", "/api/v1/rooms", ann, atTheLimits);
        assertThat(created.status()).as("at the limits: %s", created.body()).isEqualTo(201);
        assertThat(roomsOwnedBy(ann)).containsExactly(created.body().get("roomId").asText());
    }

    /** The ids of the rooms {@code owner} created, read from a grid member. */
    private Set<String> roomsOwnedBy(Account owner) {
        return platform.members().get(0).instance().<String, Room>getMap(MapNames.ROOMS)
                .keySet(Predicates.equal("ownerId", owner.userId()));
    }

    @Test
    void the_owner_names_moderators_who_invite_and_kick_members_of_lower_rank() {
        String room = api.createRoom(ann, "reading group", "group");
        assertThat(invite(room, ann, ben)).isEqualTo(201);
        WsClient benWs = connect(1, ben);
        benWs.ack("send", "room", room, "text", "a member without a join: invited");

        assertThat(invite(room, ben, cid)).as("a plain member may not invite").isEqualTo(403);
        Response promote = call("PUT", "/api/v1/rooms/" + room + "/members/" + ben.userId() + "/role", ann,
                Json.object().put("role", "moderator"));
        assertThat(promote.status()).as("promote: %s", promote.body()).isEqualTo(200);
        assertThat(benWs.await(event("role", room)).get("role").asText()).isEqualTo("moderator");
        assertThat(call("PUT", "/api/v1/rooms/" + room + "/members/" + ann.userId() + "/role", ben,
                Json.object().put("role", "member")).status()).as("only the owner sets roles").isEqualTo(403);

        assertThat(invite(room, ben, cid)).isEqualTo(201);
        assertThat(invite(room, ben, cid)).as("twice").isEqualTo(409);
        WsClient cidWs = connect(0, cid);
        cidWs.ack("join", "room", room);
        assertThat(call("DELETE", "/api/v1/rooms/" + room + "/members/" + ann.userId(), ben, null).status())
                .as("nobody removes the owner").isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/rooms/" + room + "/members/" + cid.userId(), ben, null).status())
                .isEqualTo(204);
        JsonNode kicked = cidWs.await(event("left", room));
        assertThat(kicked.get("user").asText()).isEqualTo(cid.userId());
        assertThat(kicked.get("reason").asText()).isEqualTo("kicked");
        assertThat(kicked.get("by").asText()).isEqualTo(ben.userId());
        assertThat(cidWs.request("send", "room", room, "text", "still here?").get("code").asText())
                .isEqualTo("FORBIDDEN");
        assertThat(cidWs.ack("join", "room", room).get("participants").toString()).as("a kick is no ban")
                .contains(cid.userId());
    }

    @Test
    void a_banned_user_cannot_rejoin_read_or_be_invited_until_the_ban_is_lifted() {
        String room = api.createRoom(ann, "no trolls", "group");
        WsClient cidWs = connect(0, cid);
        cidWs.ack("join", "room", room);
        WsClient annWs = connect(1, ann);
        annWs.ack("join", "room", room);
        annWs.ack("send", "room", room, "text", "before the ban");

        Response ban = call("POST", "/api/v1/rooms/" + room + "/bans", ann, Json.object().put("userId", cid.userId()));
        assertThat(ban.status()).as("ban: %s", ban.body()).isEqualTo(201);
        assertThat(cidWs.await(event("left", room)).get("reason").asText()).isEqualTo("banned");

        JsonNode rejoin = cidWs.request("join", "room", room);
        assertThat(rejoin.get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(rejoin.get("message").asText()).contains("banned");
        assertThat(cidWs.request("history", "room", room).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(cidWs.request("resume", "room", room, "afterSeq", 0).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(call("GET", "/api/v1/rooms/" + room + "/messages", cid, null).status()).isEqualTo(403);
        assertThat(invite(room, ann, cid)).isEqualTo(409);
        annWs.ack("send", "room", room, "text", "after the ban");

        assertThat(call("DELETE", "/api/v1/rooms/" + room + "/bans/" + cid.userId(), cid, null).status())
                .as("the banned may not lift their own ban").isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/rooms/" + room + "/bans/" + cid.userId(), ann, null).status())
                .isEqualTo(204);
        assertThat(cidWs.ack("join", "room", room).get("recent").size()).isEqualTo(2);
        annWs.ack("send", "room", room, "text", "welcome back");
        cidWs.await(node -> "welcome back".equals(node.path("text").asText()));
        assertThat(cidWs.seen(node -> node.path("text").asText().equals("after the ban")))
                .as("a room's messages arrive in seq order, so one sent during the ban would have come first")
                .isEmpty();
    }

    @Test
    void owners_rename_and_retopic_and_every_member_hears_it() {
        String room = api.createRoom(ann, "old name", "group");
        assertThat(invite(room, ann, ben)).isEqualTo(201);
        WsClient benWs = connect(1, ben);
        Response renamed = call("PATCH", "/api/v1/rooms/" + room, ann,
                Json.object().put("name", "new name").put("topic", "chapter 4 <b>"));
        assertThat(renamed.status()).as("rename: %s", renamed.body()).isEqualTo(200);
        assertThat(renamed.body().get("name").asText()).isEqualTo("new name");

        JsonNode heard = benWs.await(event("room", room));
        assertThat(heard.get("name").asText()).isEqualTo("new name");
        assertThat(heard.get("topic").asText()).isEqualTo("chapter 4 <b>");
        assertThat(call("GET", "/api/v1/rooms/" + room, ben, null).body().get("topic").asText())
                .isEqualTo("chapter 4 <b>");
        assertThat(call("PATCH", "/api/v1/rooms/" + room, ben, Json.object().put("topic", "mine")).status())
                .as("a plain member may not").isEqualTo(403);
        assertThat(call("PATCH", "/api/v1/rooms/" + room, ann, Json.object().put("name", " ")).status())
                .isEqualTo(400);
        assertThat(call("PATCH", "/api/v1/rooms/" + room, ann, Json.object().put("name", "n".repeat(101)))
                .status()).isEqualTo(400);
    }

    @Test
    void study_participants_share_a_focus_timer_pushed_to_everyone_in_the_room() {
        ObjectNode body = Json.object().put("name", "pomodoro").put("kind", "study");
        String room = call("POST", "/api/v1/rooms", ann, body).body().get("roomId").asText();
        WsClient annWs = connect(0, ann);
        annWs.ack("join", "room", room);
        WsClient benWs = connect(1, ben);
        benWs.ack("join", "room", room);
        String timerPath = "/api/v1/rooms/" + room + "/timer";

        Response started = call("POST", timerPath, ben, Json.object().put("action", "start")
                .put("durationMs", 25 * 60_000));
        assertThat(started.status()).as("start: %s", started.body()).isEqualTo(200);
        assertThat(started.body().get("state").asText()).isEqualTo("running");
        JsonNode heard = annWs.await(event("timer", room));
        assertThat(heard.get("state").asText()).isEqualTo("running");
        assertThat(heard.get("changedBy").asText()).isEqualTo(ben.userId());
        assertThat(heard.get("endsAt").asLong()).isEqualTo(started.body().get("endsAt").asLong());

        JsonNode paused = call("POST", timerPath, ann, Json.object().put("action", "pause")).body();
        assertThat(paused.get("state").asText()).isEqualTo("paused");
        assertThat(paused.get("remainingMs").asLong()).isBetween(20 * 60_000L, 25 * 60_000L);
        assertThat(benWs.await(event("timer", room).and(n -> n.path("state").asText().equals("paused")))
                .get("remainingMs").asLong()).isEqualTo(paused.get("remainingMs").asLong());
        assertThat(call("GET", "/api/v1/rooms/" + room, ann, null).body().get("timer").get("state").asText())
                .isEqualTo("paused");
        assertThat(call("POST", timerPath, ann, Json.object().put("action", "pause")).status()).isEqualTo(409);
        assertThat(call("POST", timerPath, ann, Json.object().put("action", "resume")).body().get("state")
                .asText()).isEqualTo("running");
        assertThat(call("POST", timerPath, ann, Json.object().put("action", "end")).body().get("state").asText())
                .isEqualTo("ended");

        assertThat(call("POST", timerPath, cid, Json.object().put("action", "start")).status())
                .as("not a participant").isEqualTo(403);
        assertThat(call("POST", timerPath, ann, Json.object().put("action", "start").put("durationMs", 5))
                .status()).isEqualTo(400);
        assertThat(call("POST", timerPath, ann, Json.object().put("action", "explode")).status()).isEqualTo(400);
        String group = api.createRoom(ann, "no timers here", "group");
        assertThat(call("POST", "/api/v1/rooms/" + group + "/timer", ann, Json.object().put("action", "start"))
                .status()).isEqualTo(403);
    }

    @Test
    void a_dm_is_invisible_to_others_and_has_no_moderation() {
        String dm = call("POST", "/api/v1/dm/" + ben.userId(), ann, null).body().get("roomId").asText();
        assertThat(call("GET", "/api/v1/rooms/" + dm, ben, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/rooms/" + dm, cid, null).status()).isEqualTo(404);
        assertThat(invite(dm, ann, cid)).isEqualTo(403);
        assertThat(call("POST", "/api/v1/rooms/" + dm + "/bans", ann, Json.object().put("userId", ben.userId()))
                .status()).isEqualTo(403);
    }
}
