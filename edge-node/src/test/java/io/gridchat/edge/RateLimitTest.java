package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import io.gridchat.edge.LoopbackClient.Reply;
import io.gridchat.model.MapNames;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The limits end to end, on a platform of their own (1 member, 2 edge nodes) with small limits. Limits counted
 * per client address are driven from loopback addresses of their own (127.0.0.x, {@link LoopbackClient}), so the
 * tests never share a count; 127.0.0.1 opens three WebSockets in all, under its limit of five.
 */
class RateLimitTest {
    private static final int MESSAGES = 5;
    private static final int API_CALLS = 10;
    private static final Map<String, String> SMALL_LIMITS = Map.of("limits.messagesPerUser", "" + MESSAGES,
            "limits.apiCallsPerUser", "" + API_CALLS, "limits.connectsPerAddress", "5",
            "limits.failedLoginsPerAddress", "5", "limits.failedLoginsPerUsername", "5",
            "limits.maxConnectionsPerUser", "3", "limits.maxRoomsPerConnection", "3");
    private static Platform platform;

    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private final List<LoopbackClient> upgrades = new ArrayList<>();
    private final ApiClient api = new ApiClient(platform.http(0));

    @BeforeAll
    static void start() {
        platform = Platform.start(1, 2, SMALL_LIMITS);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @AfterEach
    void closeUpgrades() throws IOException {
        for (LoopbackClient upgrade : upgrades) {
            upgrade.close();
        }
    }

    @Test
    void when_a_user_sends_through_two_edge_nodes_then_exactly_the_limit_is_accepted() {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        String room = api.createRoom(alice, "limits", "group");
        String notHers = api.createRoom(api.register(ApiClient.uniqueName("owner")), "not hers", "group");
        WsClient[] edges = {sockets.connect(platform.ws(0, alice.token())), sockets.connect(platform.ws(1, alice.token()))};
        edges[0].ack("join", "room", room);

        // Neither a refused send nor a repeated clientMsgId counts.
        assertThat(edges[1].request("send", "room", notHers, "text", "no").path("code").asText()).isEqualTo("FORBIDDEN");
        JsonNode first = edges[0].ack("send", "room", room, "text", "m1", "clientMsgId", "c1");
        assertThat(edges[1].ack("send", "room", room, "text", "m1", "clientMsgId", "c1").get("seq"))
                .isEqualTo(first.get("seq"));
        for (int i = 2; i <= MESSAGES; i++) {
            edges[i % 2].ack("send", "room", room, "text", "m" + i);
        }
        for (WsClient edge : edges) {
            JsonNode refused = edge.request("send", "room", room, "text", "one too many");
            assertThat(refused.path("type").asText()).as("%s", refused).isEqualTo("error");
            assertThat(refused.path("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(refused.path("retryAfterMs").asLong()).isPositive().isLessThanOrEqualTo(120_000);
        }
        // At the limit, the retry of an accepted send is still acknowledged as that send.
        assertThat(edges[1].ack("send", "room", room, "text", "m1", "clientMsgId", "c1").get("msgId"))
                .isEqualTo(first.get("msgId"));
        assertThat(edges[0].ack("history", "room", room).get("messages")).extracting(m -> m.get("text").asText())
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void when_failed_logins_from_an_address_reach_the_limit_then_even_the_right_password_is_refused()
            throws IOException {
        Account bob = api.register(ApiClient.uniqueName("bob"));
        String wrong = "wrong-horse-battery-" + System.nanoTime();
        try (CapturedLogs logs = new CapturedLogs()) {
            for (int i = 0; i < 5; i++) {
                String username = i < 3 ? bob.username() : ApiClient.uniqueName("nobody");
                Reply failed = login("127.0.0.11", username, wrong);
                assertThat(failed.status()).isEqualTo(401);
                assertThat(failed.body().toString()).doesNotContain(wrong);
            }
            Reply refused = login("127.0.0.11", bob.username(), "correct horse " + bob.username());
            assertRateLimited(refused, "failed logins from your address");
            LoggerFactory.getLogger(RateLimitTest.class).debug("failed logins sent; the capture works");
            assertThat(logs.lines()).contains("failed logins sent; the capture works")
                    .noneMatch(line -> line.contains(wrong));
        }
        // The username saw three failures of five: from another address it signs in.
        assertThat(login("127.0.0.12", bob.username(), "correct horse " + bob.username()).status()).isEqualTo(200);
    }

    @Test
    void when_failed_logins_for_a_username_reach_the_limit_then_every_address_is_refused() throws IOException {
        Account carol = api.register(ApiClient.uniqueName("carol"));
        Account dave = api.register(ApiClient.uniqueName("dave"));
        for (int i = 0; i < 5; i++) {
            assertThat(login(i < 3 ? "127.0.0.13" : "127.0.0.14", carol.username(), "not her password").status())
                    .isEqualTo(401);
        }
        assertRateLimited(login("127.0.0.15", carol.username(), "correct horse " + carol.username()),
                "failed logins for this username");
        // Successful logins never count, and other users are not affected.
        for (int i = 0; i < 6; i++) {
            assertThat(login("127.0.0.15", dave.username(), "correct horse " + dave.username()).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void when_an_address_opens_more_connections_than_its_limit_then_the_upgrade_is_refused_with_429()
            throws IOException {
        Account[] users = {api.register(ApiClient.uniqueName("erin")), api.register(ApiClient.uniqueName("finn"))};
        for (int i = 0; i < 5; i++) {
            assertThat(upgrade(i % 2, "127.0.0.21", users[i % 2]).status()).isEqualTo(101);
        }
        assertRateLimited(upgrade(1, "127.0.0.21", users[1]), "new connections from your address");
        assertThat(upgrade(1, "127.0.0.22", users[1]).status()).isEqualTo(101);
    }

    @Test
    void when_a_user_holds_the_most_connections_then_another_upgrade_is_refused_on_any_edge() throws IOException {
        Account gina = api.register(ApiClient.uniqueName("gina"));
        for (int edge : new int[] {0, 1, 0}) {
            assertThat(upgrade(edge, "127.0.0.23", gina).status()).isEqualTo(101);
        }
        Reply refused = upgrade(1, "127.0.0.23", gina);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body().get("error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().get("message").asText()).contains("per user");

        upgrades.remove(0).close();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> platform.members().get(0).instance()
                .<String, UserSessions>getMap(MapNames.SESSIONS).get(gina.userId()).connections().size() == 2);
        assertThat(upgrade(1, "127.0.0.24", gina).status()).isEqualTo(101);
    }

    @Test
    void when_a_user_makes_more_api_calls_than_the_limit_then_429_with_retry_after() {
        Account hank = api.register(ApiClient.uniqueName("hank"));
        for (int i = 0; i < API_CALLS; i++) {
            assertThat(api.call("GET", "/api/v1/me", hank.token(), null).status()).isEqualTo(200);
        }
        Response refused = new ApiClient(platform.http(1)).call("GET", "/api/v1/me", hank.token(), null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).get().satisfies(seconds ->
                assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(refused.body().get("error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.body().get("retryAfterMs").asLong()).isPositive();
        Account ivy = api.register(ApiClient.uniqueName("ivy"));
        assertThat(api.call("GET", "/api/v1/me", ivy.token(), null).status()).isEqualTo(200);
    }

    @Test
    void when_a_connection_has_joined_the_most_rooms_then_another_join_is_forbidden_until_it_leaves_one() {
        Account jane = api.register(ApiClient.uniqueName("jane"));
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rooms.add(api.createRoom(jane, "room " + i, "group"));
        }
        WsClient client = sockets.connect(platform.ws(0, jane.token()));
        for (int i = 0; i < 3; i++) {
            client.ack("join", "room", rooms.get(i));
        }
        JsonNode refused = client.request("join", "room", rooms.get(3));
        assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("FORBIDDEN");
        assertThat(refused.path("message").asText()).contains("at most 3 rooms");
        client.ack("join", "room", rooms.get(0));
        client.ack("leave", "room", rooms.get(0));
        client.ack("join", "room", rooms.get(3));
    }

    private Reply login(String address, String username, String password) throws IOException {
        return LoopbackClient.post(platform.http(0), address, "/api/v1/auth/login",
                Json.write(Json.object().put("username", username).put("password", password)));
    }

    private Reply upgrade(int edge, String address, Account user) throws IOException {
        LoopbackClient upgrade = LoopbackClient.upgrade(platform.http(edge), address, user.token());
        upgrades.add(upgrade);
        return upgrade.reply();
    }

    private static void assertRateLimited(Reply reply, String what) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(429);
        assertThat(Long.parseLong(reply.headers().get("retry-after"))).isPositive();
        assertThat(reply.body().get("error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(reply.body().get("retryAfterMs").asLong()).isPositive();
        assertThat(reply.body().get("message").asText()).contains(what);
    }
}
