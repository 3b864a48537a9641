package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.model.MapNames;
import io.gridchat.model.RateWindow;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leased message permits end to end (1 member, 2 edge nodes, leasing on (off by default), 40 messages per user
 * and window, so an edge node leases at most 4 at once): a user who sends fast costs fewer grid calls than
 * sends, never gets past the limit, and permits leased on one edge node but not used come back to the grid for
 * the other once the user is idle.
 */
class PermitLeaseTest {
    private static final int MESSAGES = 40;
    private static Platform platform;

    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private final ApiClient api = new ApiClient(platform.http(0));

    @BeforeAll
    static void start() {
        // A day-long window: the test never straddles two fixed windows, where the older one would weigh less.
        platform = Platform.start(1, 2, Map.of("limits.messagesPerUser", "" + MESSAGES,
                "limits.rateWindowSeconds", "86400", "limits.permitLeaseMax", "16"));
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void when_a_user_sends_fast_then_permits_are_leased_in_fewer_grid_calls_and_the_limit_still_holds()
            throws Exception {
        Account alice = api.register(ApiClient.uniqueName("alice"));
        String room = api.createRoom(alice, "fast", "group");
        WsClient ws = sockets.connect(platform.ws(0, alice.token()));
        ws.ack("join", "room", room);
        double takesBefore = messageCalls(0, "take");

        for (int i = 1; i <= MESSAGES; i++) {
            ws.ack("send", "room", room, "text", "m" + i);
        }
        JsonNode refused = ws.request("send", "room", room, "text", "one too many");
        assertThat(refused.path("code").asText()).as("%s", refused).isEqualTo("RATE_LIMITED");
        assertThat(refused.path("retryAfterMs").asLong()).isPositive();

        double takes = messageCalls(0, "take") - takesBefore;
        assertThat(takes).as("grid calls for %d sends and one refusal", MESSAGES).isLessThanOrEqualTo(MESSAGES / 2);
        assertThat(ws.ack("history", "room", room, "limit", 100).get("messages")).hasSize(MESSAGES);
    }

    @Test
    void when_a_user_goes_idle_then_permits_leased_on_one_edge_node_can_be_used_on_the_other() throws Exception {
        Account bob = api.register(ApiClient.uniqueName("bob"));
        String room = api.createRoom(bob, "two devices", "group");
        WsClient[] edges = {sockets.connect(platform.ws(0, bob.token())), sockets.connect(platform.ws(1, bob.token()))};
        edges[0].ack("join", "room", room);
        double returnsBefore = messageCalls(0, "return");

        int half = MESSAGES / 2;
        for (int i = 1; i <= half; i++) {
            edges[0].ack("send", "room", room, "text", "first " + i);
        }
        // Whatever edge 0 leased beyond its sends goes back once bob is idle: the grid then counts his sends only.
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> counted(bob.userId()) == half);
        assertThat(messageCalls(0, "return") - returnsBefore).as("edge 0 leased ahead and gave back").isPositive();

        for (int i = 1; i <= half; i++) {
            edges[1].ack("send", "room", room, "text", "second " + i);
        }
        for (WsClient edge : edges) {
            assertThat(edge.request("send", "room", room, "text", "one too many").path("code").asText())
                    .isEqualTo("RATE_LIMITED");
        }
        assertThat(edges[0].ack("history", "room", room, "limit", 100).get("messages")).hasSize(MESSAGES);
    }

    @Test
    void when_a_client_sends_without_waiting_for_acks_then_its_messages_are_accepted_in_the_order_sent() {
        Account carol = api.register(ApiClient.uniqueName("carol"));
        String room = api.createRoom(carol, "pipelined", "group");
        WsClient ws = sockets.connect(platform.ws(0, carol.token()));
        ws.ack("join", "room", room);

        // Some of these take a leased permit at once while earlier ones still wait for the grid's grant.
        int sends = 30;
        for (int i = 0; i < sends; i++) {
            ws.sendRaw(Json.write(WsClient.frame("send", "room", room, "text", "p" + i).put("id", "p" + i)));
        }
        long previousSeq = 0;
        for (int i = 0; i < sends; i++) {
            String id = "p" + i;
            JsonNode ack = ws.await(frame -> id.equals(frame.path("id").asText()));
            assertThat(ack.path("type").asText()).as("%s", ack).isEqualTo("ack");
            assertThat(ack.path("seq").asLong()).as("seq of send %d", i).isGreaterThan(previousSeq);
            previousSeq = ack.path("seq").asLong();
        }
        assertThat(ws.ack("history", "room", room, "limit", 100).get("messages"))
                .extracting(message -> message.get("text").asText())
                .containsExactlyElementsOf(IntStream.range(0, sends).mapToObj(i -> "p" + i).toList());
    }

    /** Permits the grid counts for the user's message limit now (both fixed windows). */
    private static int counted(String userId) {
        RateWindow window = platform.members().get(0).instance().<String, RateWindow>getMap(MapNames.RATE_LIMITS)
                .get("messages:" + userId);
        return window == null ? 0 : window.previous() + window.current();
    }

    /** The edge node's count of grid calls the message limit made ({@code take} or {@code return}). */
    private static double messageCalls(int edge, String call) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(platform.http(edge)
                .resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("gridchat_edge_rate_limit_calls_total\\{call=\"" + call
                + "\",limit=\"messages\"} (\\S+)").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
