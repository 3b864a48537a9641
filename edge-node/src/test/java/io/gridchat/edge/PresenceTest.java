package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Presence over real parts: online, away and offline as co-participants see them, multi-device, visibility,
 * and a connection that vanishes with its edge node going offline when its heartbeat TTL (3 s here) runs out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PresenceTest {
    private static Platform platform;
    private static ScheduledExecutorService pinger;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        platform = Platform.start(2, 2, Map.of("presence.ttlSeconds", "3", "presence.awayAfterSeconds", "4",
                "edge.heartbeatSeconds", "1"));
        pinger = Executors.newSingleThreadScheduledExecutor();
        api = new ApiClient(platform.http(0));
    }

    @AfterAll
    static void stop() {
        pinger.shutdownNow();
        platform.close();
    }

    /** Keeps a client's presence alive the way real clients do, with pings (here every 300 ms). */
    private static WsClient pinging(WsClient client) {
        pinger.scheduleAtFixedRate(() -> {
            if (!client.isClosed()) {
                client.sendRaw("{\"type\":\"ping\"}");
            }
        }, 300, 300, TimeUnit.MILLISECONDS);
        return client;
    }

    private record Pair(Account alice, Account bob, String room) {
    }

    /** Alice and Bob, and a group room of Alice's. */
    private static Pair pairIn(String roomName) {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        return new Pair(alice, bob, api.createRoom(alice, roomName, "group"));
    }

    /** A pinging connection of {@code user} on an edge node that joined {@code room}. */
    private static WsClient joined(int edge, Account user, String room) {
        WsClient client = pinging(WsClient.connect(platform.ws(edge, user.token())));
        client.ack("join", "room", room);
        return client;
    }

    private static Predicate<JsonNode> presenceOf(String userId, String status) {
        return node -> "presence".equals(node.path("type").asText()) && userId.equals(node.path("userId").asText())
                && status.equals(node.path("status").asText());
    }

    private static JsonNode queried(WsClient client, String userId) {
        JsonNode ack = client.ack("presence", "users", List.of(userId));
        assertThat(ack.get("presence")).hasSize(1);
        return ack.get("presence").get(0);
    }

    @Test
    @Order(1)
    void a_co_participant_sees_online_offline_with_last_seen_and_online_again() {
        Pair pair = pairIn("presence");
        Account bob = pair.bob();
        try (WsClient aliceWs = joined(0, pair.alice(), pair.room())) {
            WsClient bobWs = joined(1, bob, pair.room());
            aliceWs.await(node -> "joined".equals(node.path("type").asText())
                    && bob.userId().equals(node.path("user").asText()));
            // Bob's first heartbeat follows his registration asynchronously; it lands within moments.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    "online".equals(queried(aliceWs, bob.userId()).get("status").asText()));

            long closedAt = System.currentTimeMillis();
            bobWs.close();
            JsonNode offline = aliceWs.await(presenceOf(bob.userId(), "offline"));
            assertThat(offline.get("lastSeen").asLong()).isBetween(closedAt - 5_000, System.currentTimeMillis());
            JsonNode view = queried(aliceWs, bob.userId());
            assertThat(view.get("status").asText()).isEqualTo("offline");
            assertThat(view.get("lastSeen").asLong()).isEqualTo(offline.get("lastSeen").asLong());

            try (WsClient bobAgain = pinging(WsClient.connect(platform.ws(0, bob.token())))) {
                aliceWs.await(presenceOf(bob.userId(), "online"));
                assertThat(bobAgain.isClosed()).isFalse();
            }
        }
    }

    @Test
    @Order(2)
    void presence_of_someone_who_shares_no_room_reads_offline_without_last_seen() {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account stranger = api.register(ApiClient.uniqueName("stranger"));
        Account never = api.register(ApiClient.uniqueName("never"));
        try (WsClient aliceWs = pinging(WsClient.connect(platform.ws(0, alice.token())));
             WsClient strangerWs = pinging(WsClient.connect(platform.ws(1, stranger.token())))) {
            assertThat(strangerWs.request("ping").path("type").asText()).isEqualTo("pong");
            JsonNode ack = aliceWs.ack("presence", "users", List.of(stranger.userId(), never.userId(),
                    alice.userId()));
            assertThat(ack.get("presence")).hasSize(3);
            for (int i = 0; i < 2; i++) {
                assertThat(ack.get("presence").get(i).get("status").asText()).isEqualTo("offline");
                assertThat(ack.get("presence").get(i).get("lastSeen").isNull()).isTrue();
            }
            assertThat(ack.get("presence").get(2).get("status").asText()).isEqualTo("online");
            assertThat(aliceWs.request("presence", "users", "nope").path("code").asText()).isEqualTo("BAD_REQUEST");
            assertThat(aliceWs.request("presence", "users", List.of("bad id!")).path("code").asText())
                    .isEqualTo("BAD_REQUEST");
        }
    }

    @Test
    @Order(2)
    void a_dm_partner_or_group_co_member_is_visible_and_pushed_without_a_join() {
        Pair pair = pairIn("members only");
        Account alice = pair.alice();
        Account bob = pair.bob();
        Account carol = api.register(ApiClient.uniqueName("carol"));
        assertThat(api.call("POST", "/api/v1/dm/" + bob.userId(), alice.token(), null).status()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/rooms/" + pair.room() + "/members", alice.token(),
                "{\"userId\":\"" + carol.userId() + "\"}").status()).isEqualTo(201);
        try (WsClient aliceWs = pinging(WsClient.connect(platform.ws(0, alice.token())))) {
            try (WsClient bobWs = pinging(WsClient.connect(platform.ws(1, bob.token())));
                 WsClient carolWs = pinging(WsClient.connect(platform.ws(1, carol.token())))) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                        "online".equals(queried(aliceWs, bob.userId()).get("status").asText())
                                && "online".equals(queried(aliceWs, carol.userId()).get("status").asText()));
                assertThat(carolWs.isClosed() || bobWs.isClosed()).isFalse();
            }
            assertThat(aliceWs.await(presenceOf(bob.userId(), "offline")).get("lastSeen").asLong()).isPositive();
            assertThat(aliceWs.await(presenceOf(carol.userId(), "offline")).get("lastSeen").asLong()).isPositive();
        }
    }

    @Test
    @Order(2)
    void a_friendship_accepted_while_connected_is_announced_and_its_presence_pushed() {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        try (WsClient aliceWs = pinging(WsClient.connect(platform.ws(0, alice.token())))) {
            WsClient bobWs = pinging(WsClient.connect(platform.ws(1, bob.token())));
            String request = api.call("POST", "/api/v1/friends/requests", alice.token(),
                    "{\"toUserId\":\"" + bob.userId() + "\"}").body().get("requestId").asText();
            assertThat(api.call("POST", "/api/v1/friends/requests/" + request + "/accept", bob.token(), null)
                    .status()).isEqualTo(200);
            JsonNode friend = aliceWs.await(node -> "friend".equals(node.path("type").asText()));
            assertThat(friend.get("user").asText()).isEqualTo(bob.userId());
            assertThat(bobWs.await(node -> "friend".equals(node.path("type").asText())).get("user").asText())
                    .isEqualTo(alice.userId());
            bobWs.close();
            assertThat(aliceWs.await(presenceOf(bob.userId(), "offline")).get("lastSeen").asLong()).isPositive();
        }
    }

    /**
     * A group room of an owner's with members Bob and Carol, and Mark, a friend of Bob's outside the room: Mark's
     * presence events show what Bob still sees, Carol's what the room's members see of each other.
     */
    private record Group(Account owner, Account bob, Account carol, Account mark, String room) {
    }

    private static Group groupWithBobsFriend(String roomName) {
        Pair pair = pairIn(roomName);
        Account carol = api.register(ApiClient.uniqueName("carol"));
        Account mark = api.register(ApiClient.uniqueName("mark"));
        invite(pair.alice(), pair.room(), pair.bob());
        invite(pair.alice(), pair.room(), carol);
        api.befriend(pair.bob(), mark);
        return new Group(pair.alice(), pair.bob(), carol, mark, pair.room());
    }

    private static Predicate<JsonNode> friendRemoved() {
        return node -> "friend".equals(node.path("type").asText()) && "removed".equals(node.path("state").asText());
    }

    private static void invite(Account owner, String room, Account member) {
        assertThat(api.call("POST", "/api/v1/rooms/" + room + "/members", owner.token(),
                "{\"userId\":\"" + member.userId() + "\"}").status()).isEqualTo(201);
    }

    private static Predicate<JsonNode> leftBy(String userId) {
        return node -> "left".equals(node.path("type").asText()) && userId.equals(node.path("user").asText());
    }

    /**
     * Presence events travel one topic in order, so once a connection got {@code marker}'s event, it would have
     * had every event published before it.
     */
    private static void assertNotSeenBefore(WsClient client, Predicate<JsonNode> marker, Predicate<JsonNode> unseen,
                                            String what) {
        client.await(marker);
        assertThat(client.seen(unseen)).as(what).isEmpty();
    }

    @Test
    @Order(2)
    void a_member_removed_from_a_group_and_its_members_stop_seeing_each_others_presence() {
        Group group = groupWithBobsFriend("kicks");
        Account olga = group.owner();
        Account bob = group.bob();
        Account carol = group.carol();
        Account mark = group.mark();
        String room = group.room();
        try (WsClient olgaWs = joined(1, olga, room); WsClient bobWs = joined(0, bob, room)) {
            WsClient carolWs = pinging(WsClient.connect(platform.ws(1, carol.token())));
            bobWs.await(presenceOf(carol.userId(), "online"));
            assertThat(api.call("DELETE", "/api/v1/rooms/" + room + "/members/" + bob.userId(), olga.token(), null)
                    .status()).isEqualTo(204);
            assertThat(bobWs.await(leftBy(bob.userId())).get("reason").asText()).isEqualTo("kicked");
            olgaWs.await(leftBy(bob.userId()));

            carolWs.close();
            olgaWs.await(presenceOf(carol.userId(), "offline")); // published now; Mark's events come after it
            try (WsClient markWs = pinging(WsClient.connect(platform.ws(1, mark.token())))) {
                assertNotSeenBefore(bobWs, presenceOf(mark.userId(), "online"), presenceOf(carol.userId(), "offline"),
                        "the removed member sees no presence of the room's members");
                bobWs.close();
                markWs.await(presenceOf(bob.userId(), "offline"));
                try (WsClient carolAgain = pinging(WsClient.connect(platform.ws(1, carol.token())))) {
                    assertNotSeenBefore(olgaWs, presenceOf(carol.userId(), "online"),
                            presenceOf(bob.userId(), "offline"), "the members see no presence of the removed member");
                    assertThat(carolAgain.isClosed()).isFalse();
                }
            }
        }
    }

    @Test
    @Order(2)
    void a_member_who_leaves_a_group_stops_seeing_its_members_presence_on_every_device() {
        Group group = groupWithBobsFriend("leaving");
        Account bob = group.bob();
        Account carol = group.carol();
        Account mark = group.mark();
        try (WsClient aliceWs = joined(0, group.owner(), group.room());
             WsClient laptop = joined(0, bob, group.room());
             WsClient phone = pinging(WsClient.connect(platform.ws(1, bob.token())));
             WsClient carolWs = pinging(WsClient.connect(platform.ws(1, carol.token())))) {
            laptop.await(presenceOf(carol.userId(), "online"));
            assertThat(queried(phone, carol.userId()).get("status").asText()).as("a group co-member")
                    .isEqualTo("online");
            laptop.ack("leave", "room", group.room());
            phone.await(leftBy(bob.userId())); // the other device hears that its user left
            carolWs.close();
            aliceWs.await(presenceOf(carol.userId(), "offline")); // published now; Mark's events come after it
            try (WsClient markWs = pinging(WsClient.connect(platform.ws(0, mark.token())))) {
                for (WsClient device : List.of(laptop, phone)) {
                    assertNotSeenBefore(device, presenceOf(mark.userId(), "online"),
                            presenceOf(carol.userId(), "offline"), "a former member sees no presence of the members");
                }
                assertThat(markWs.isClosed()).isFalse();
            }
        }
    }

    @Test
    @Order(2)
    void friends_who_unfriend_stop_seeing_each_others_presence() {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        Account bob = api.register(ApiClient.uniqueName("bob"));
        Account witness = api.register(ApiClient.uniqueName("witness"));
        api.befriend(alice, bob);
        api.befriend(bob, witness);
        api.befriend(alice, witness);
        try (WsClient aliceWs = pinging(WsClient.connect(platform.ws(0, alice.token())));
             WsClient witnessWs = pinging(WsClient.connect(platform.ws(1, witness.token())))) {
            WsClient bobWs = pinging(WsClient.connect(platform.ws(1, bob.token())));
            aliceWs.await(presenceOf(bob.userId(), "online"));
            assertThat(api.call("DELETE", "/api/v1/friends/" + alice.userId(), bob.token(), null).status())
                    .isEqualTo(204);
            assertThat(aliceWs.await(friendRemoved()).get("user").asText()).isEqualTo(bob.userId());
            bobWs.await(friendRemoved());
            bobWs.close();
            witnessWs.await(presenceOf(bob.userId(), "offline"));
            witnessWs.close();
            assertNotSeenBefore(aliceWs, presenceOf(witness.userId(), "offline"), presenceOf(bob.userId(), "offline"),
                    "a former friend's presence is not pushed");
        }
    }

    @Test
    @Order(3)
    void a_user_stays_online_while_any_device_is_connected() {
        Pair pair = pairIn("devices");
        Account bob = pair.bob();
        try (WsClient phone = joined(1, bob, pair.room());
             WsClient aliceWs = joined(0, pair.alice(), pair.room())) {
            joined(0, bob, pair.room()).close();
            assertThat(phone.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(queried(aliceWs, bob.userId()).get("status").asText()).isEqualTo("online");
            phone.close();
            aliceWs.await(presenceOf(bob.userId(), "offline"));
            assertThat(aliceWs.request("ping").path("type").asText()).isEqualTo("pong");
            assertThat(aliceWs.isClosed()).isFalse();
        }
    }

    @Test
    @Order(4)
    void a_user_who_only_pings_turns_away_and_back_online_when_active() {
        Pair pair = pairIn("away");
        Account bob = pair.bob();
        try (WsClient aliceWs = joined(0, pair.alice(), pair.room());
             WsClient bobWs = joined(1, bob, pair.room())) {
            aliceWs.await(presenceOf(bob.userId(), "away"));
            bobWs.ack("send", "room", pair.room(), "text", "back");
            aliceWs.await(presenceOf(bob.userId(), "online"));
        }
    }

    @Test
    @Order(5)
    void a_user_whose_edge_node_dies_goes_offline_when_the_nodes_heartbeat_runs_out() {
        Pair pair = pairIn("crash");
        Account bob = pair.bob();
        try (WsClient aliceWs = joined(0, pair.alice(), pair.room())) {
            WsClient bobWs = joined(1, bob, pair.room());
            assertThat(queried(aliceWs, bob.userId()).get("status").asText()).isEqualTo("online");
            long lastBeat = System.currentTimeMillis();
            platform.edge(1).terminate();
            // three missed beats of 1 s, then the grid's reaper (within a second), not Hazelcast's expiry sweep
            JsonNode offline = aliceWs.await(presenceOf(bob.userId(), "offline"), Duration.ofSeconds(20));
            assertThat(offline.get("lastSeen").asLong()).isLessThanOrEqualTo(lastBeat + 1_000);
            bobWs.close();
        }
    }
}
