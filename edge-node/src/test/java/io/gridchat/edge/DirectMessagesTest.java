package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.edge.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Direct rooms, delivered and read receipts, and message status over the shared platform. */
@ExtendWith(SharedPlatform.class)
class DirectMessagesTest {
    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private ApiClient api;
    private Account alice;
    private Account bob;

    DirectMessagesTest(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void twoUsers() {
        api = new ApiClient(platform.http(0));
        alice = api.register(ApiClient.uniqueName("alice"));
        bob = new ApiClient(platform.http(1)).register(ApiClient.uniqueName("bob"));
    }

    private WsClient connect(int edge, Account account) {
        return sockets.connect(platform.ws(edge, account.token()));
    }

    private String dm(Account from, Account to) {
        Response response = api.call("POST", "/api/v1/dm/" + to.userId(), from.token(), null);
        assertThat(response.status()).as("dm: %s", response.body()).isEqualTo(200);
        assertThat(response.body().get("kind").asText()).isEqualTo("dm");
        assertThat(response.body().get("participantCount").asInt()).isEqualTo(2);
        return response.body().get("roomId").asText();
    }

    private static Predicate<JsonNode> receipt(String status) {
        return node -> "receipt".equals(node.path("type").asText()) && status.equals(node.path("status").asText());
    }

    @Test
    void when_both_users_open_their_dm_concurrently_then_every_call_returns_the_one_room() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<String>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean fromAlice = i % 2 == 0;
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return fromAlice ? dm(alice, bob) : dm(bob, alice);
                }, callers));
            }
            start.countDown();
            List<String> rooms = new ArrayList<>();
            for (CompletableFuture<String> call : calls) {
                rooms.add(call.get());
            }
            assertThat(rooms).hasSize(16).containsOnly(rooms.get(0));
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void when_a_dm_is_opened_wrongly_then_a_clear_error() {
        assertThat(api.call("POST", "/api/v1/dm/" + alice.userId(), alice.token(), null).status()).isEqualTo(400);
        Response unknown = api.call("POST", "/api/v1/dm/unone", alice.token(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.call("POST", "/api/v1/dm/" + bob.userId(), null, null).status()).isEqualTo(401);
        Account carol = api.register(ApiClient.uniqueName("carol"));
        String room = dm(alice, bob);
        WsClient outsider = connect(0, carol);
        assertThat(outsider.request("send", "room", room, "text", "hi").get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(outsider.request("join", "room", room).get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void leaving_a_dm_does_not_lock_its_member_out() {
        String room = dm(alice, bob);
        WsClient aliceWs = connect(0, alice);
        aliceWs.ack("join", "room", room);
        aliceWs.ack("leave", "room", room);
        assertThat(aliceWs.ack("send", "room", room, "text", "still here").get("seq").asLong()).isPositive();
        assertThat(dm(alice, bob)).isEqualTo(room);
    }

    @Test
    void a_dm_message_goes_sent_delivered_read_with_receipts_to_the_sender_and_status_in_history() {
        String room = dm(alice, bob);
        WsClient aliceWs = connect(0, alice);
        WsClient bobWs = connect(1, bob);
        JsonNode sent = aliceWs.ack("send", "room", room, "text", "no join needed");

        assertThat(bobWs.awaitMessage(room).get("msgId").asText()).isEqualTo(sent.get("msgId").asText());
        JsonNode delivered = aliceWs.await(receipt("delivered"));
        assertThat(delivered.get("msgId").asText()).isEqualTo(sent.get("msgId").asText());
        assertThat(delivered.get("by").asText()).isEqualTo(bob.userId());
        assertThat(history(alice, room).get(0).get("status").asText()).isEqualTo("delivered");

        bobWs.ack("read", "room", room, "seq", sent.get("seq").asLong());
        JsonNode read = aliceWs.await(receipt("read"));
        assertThat(read.get("seq").asLong()).isEqualTo(sent.get("seq").asLong());
        assertThat(history(alice, room).get(0).get("status").asText()).isEqualTo("read");
        assertThat(history(bob, room).get(0).has("status")).as("only the sender sees a status").isFalse();

        bobWs.close();
        JsonNode later = aliceWs.ack("send", "room", room, "text", "while you were away");
        JsonNode laterInHistory = history(alice, room).get(1);
        assertThat(laterInHistory.get("msgId").asText()).isEqualTo(later.get("msgId").asText());
        assertThat(laterInHistory.get("status").asText()).isEqualTo("sent");

        WsClient bobBack = connect(0, bob);
        assertThat(bobBack.awaitMessage(room).get("msgId").asText()).as("pushed from the offline queue")
                .isEqualTo(later.get("msgId").asText());
        assertThat(aliceWs.await(receipt("delivered")).get("seq").asLong()).isEqualTo(later.get("seq").asLong());
    }

    private JsonNode history(Account viewer, String room) {
        Response response = api.call("GET", "/api/v1/rooms/" + room + "/messages", viewer.token(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.body().get("messages");
    }
}
