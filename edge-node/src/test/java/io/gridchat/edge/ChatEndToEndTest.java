package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two real WebSocket clients on two edge nodes of a two-member grid, over real MariaDB shards. */
@ExtendWith(SharedPlatform.class)
class ChatEndToEndTest {
    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private Account alice;
    private Account bob;
    private String room;

    ChatEndToEndTest(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void twoUsersInOneRoom() {
        ApiClient api = new ApiClient(platform.http(0));
        alice = api.register(ApiClient.uniqueName("alice"));
        bob = new ApiClient(platform.http(1)).register(ApiClient.uniqueName("bob"));
        room = api.createRoom(alice, "algebra", "group");
    }

    private WsClient connect(int edge, Account account) {
        return sockets.connect(platform.ws(edge, account.token()));
    }

    @Test
    void when_clients_on_two_edges_chat_then_both_see_every_message_once_in_seq_order() {
        WsClient onA = connect(0, alice);
        WsClient onB = connect(1, bob);
        JsonNode aliceJoin = onA.ack("join", "room", room);
        JsonNode bobJoin = onB.ack("join", "room", room);
        assertThat(aliceJoin.get("lastSeq").asLong()).isZero();
        assertThat(bobJoin.get("participants")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(alice.userId(), bob.userId());

        List<JsonNode> acks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acks.add(onA.ack("send", "room", room, "text", "from alice " + i));
            acks.add(onB.ack("send", "room", room, "text", "from bob " + i));
        }
        assertThat(acks).extracting(ack -> ack.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());

        for (WsClient client : List.of(onA, onB)) {
            for (int seq = 1; seq <= 40; seq++) {
                JsonNode event = client.awaitMessage(room);
                JsonNode ack = acks.get(seq - 1);
                assertThat(event.get("seq").asLong()).isEqualTo(seq);
                assertThat(event.get("msgId").asText()).isEqualTo(ack.get("msgId").asText());
                assertThat(event.get("ts").asLong()).isEqualTo(ack.get("ts").asLong());
                assertThat(event.get("from").asText()).isEqualTo(seq % 2 == 1 ? alice.userId() : bob.userId());
            }
        }
    }

    @Test
    void when_clientMsgId_is_repeated_then_the_message_is_stored_and_delivered_once() {
        WsClient onA = connect(0, alice);
        WsClient onB = connect(1, bob);
        onA.ack("join", "room", room);
        onB.ack("join", "room", room);

        JsonNode first = onA.ack("send", "room", room, "text", "only once", "clientMsgId", "c-1");
        JsonNode again = onA.ack("send", "room", room, "text", "only once", "clientMsgId", "c-1");
        JsonNode next = onA.ack("send", "room", room, "text", "next", "clientMsgId", "c-2");

        assertThat(again.get("msgId")).isEqualTo(first.get("msgId"));
        assertThat(again.get("seq")).isEqualTo(first.get("seq"));
        assertThat(next.get("seq").asLong()).isEqualTo(first.get("seq").asLong() + 1);
        assertThat(onB.awaitMessage(room).get("text").asText()).isEqualTo("only once");
        assertThat(onB.awaitMessage(room).get("text").asText()).isEqualTo("next");
        JsonNode history = onB.ack("history", "room", room);
        assertThat(history.get("messages")).extracting(m -> m.get("text").asText())
                .containsExactly("only once", "next");
    }

    @Test
    void when_frames_are_malformed_then_each_gets_bad_request_and_the_connection_stays_open() {
        WsClient client = connect(0, alice);
        for (String bad : List.of("{not json", "[1,2]", "42", "{\"type\":\"fly\"}", "{\"type\":7}",
                "{\"type\":\"send\",\"id\":\"x\"}", "{\"type\":\"send\",\"room\":5,\"text\":\"t\"}",
                "{\"type\":\"resume\",\"room\":\"" + room + "\",\"afterSeq\":\"one\"}",
                "{\"type\":\"join\",\"room\":\"../../etc\"}")) {
            client.sendRaw(bad);
            JsonNode error = client.await(node -> "error".equals(node.path("type").asText()));
            assertThat(error.get("code").asText()).as("reply to %s", bad).isEqualTo("BAD_REQUEST");
            assertThat(error.get("message").asText()).doesNotContain("Exception").doesNotContain("at io.");
        }
        client.sendRaw("{\"type\":\"typing\",\"room\":\"" + room + "\",\"on\":true}");
        assertThat(client.request("ping").get("type").asText()).as("typing needs no reply").isEqualTo("pong");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void when_a_text_is_too_long_then_too_large_and_nothing_is_stored() {
        WsClient client = connect(0, alice);
        client.ack("join", "room", room);
        JsonNode reply = client.request("send", "room", room, "text", "x".repeat(4001));
        assertThat(reply.get("code").asText()).isEqualTo("TOO_LARGE");
        JsonNode emoji = client.ack("send", "room", room, "text", "😀".repeat(4000));
        assertThat(emoji.get("seq").asLong()).isEqualTo(1);
        // 16,000 bytes, several of the server's reads: the frame arrives whole
        assertThat(client.ack("history", "room", room).get("messages").get(0).get("text").asText())
                .isEqualTo("😀".repeat(4000));
        // refused before it is parsed, so the error cannot echo an id
        client.sendRaw(Json.write(WsClient.frame("history", "room", room, "padding", "€".repeat(6000))));
        JsonNode frame = client.await(node -> "error".equals(node.path("type").asText())
                && node.path("message").asText().contains("frame"));
        assertThat(frame.get("code").asText()).isEqualTo("TOO_LARGE");
        assertThat(frame.get("message").asText()).contains("frame");
        assertThat(client.request("ping").get("type").asText()).isEqualTo("pong");
    }

    @Test
    void when_someone_not_in_the_room_sends_or_reads_then_forbidden() {
        WsClient outsider = connect(1, bob);
        assertThat(outsider.request("send", "room", room, "text", "hi").get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(outsider.request("history", "room", room).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(outsider.request("resume", "room", room, "afterSeq", 0).get("code").asText())
                .isEqualTo("FORBIDDEN");
        ApiClient.Response http = new ApiClient(platform.http(1)).call("GET", "/api/v1/rooms/" + room + "/messages",
                bob.token(), null);
        assertThat(http.status()).isEqualTo(403);
        assertThat(http.body().get("error").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void when_a_member_leaves_then_they_can_no_longer_send() {
        WsClient client = connect(1, bob);
        client.ack("join", "room", room);
        client.ack("send", "room", room, "text", "bye");
        client.ack("leave", "room", room);
        assertThat(client.request("send", "room", room, "text", "again").get("code").asText())
                .isEqualTo("FORBIDDEN");
    }

    @Test
    void when_a_client_resumes_then_it_gets_every_later_message_in_order() {
        WsClient onA = connect(0, alice);
        onA.ack("join", "room", room);
        for (int i = 1; i <= 30; i++) {
            onA.ack("send", "room", room, "text", "m" + i);
        }
        WsClient onB = connect(1, alice);
        JsonNode resumed = onB.ack("resume", "room", room, "afterSeq", 12);
        assertThat(resumed.get("messages")).extracting(m -> m.get("seq").asLong())
                .containsExactlyElementsOf(LongStream.rangeClosed(13, 30).boxed().toList());
        assertThat(resumed.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void when_a_member_types_then_the_others_see_it_and_it_expires_unless_refreshed() {
        WsClient onA = connect(0, alice);
        WsClient onB = connect(1, bob);
        onA.ack("join", "room", room);
        onB.ack("join", "room", room);

        onA.sendRaw("{\"type\":\"typing\",\"room\":\"" + room + "\",\"on\":true}");
        JsonNode typing = onB.await(node -> "typing".equals(node.path("type").asText()));
        assertThat(typing.get("user").asText()).isEqualTo(alice.userId());
        assertThat(typing.get("room").asText()).isEqualTo(room);
        assertThat(typing.get("on").asBoolean()).isTrue();

        JsonNode expired = onB.await(node -> "typing".equals(node.path("type").asText()));
        assertThat(expired.get("on").asBoolean()).as("not refreshed, so it went off by itself").isFalse();
        assertThat(onA.request("ping").get("type").asText()).isEqualTo("pong");
    }

    @Test
    void a_refreshed_typing_indicator_stays_on_reaches_only_the_others_and_is_never_stored() {
        WsClient onA = connect(0, alice);
        WsClient onB = connect(1, bob);
        onA.ack("join", "room", room);
        onB.ack("join", "room", room);
        String typingOn = "{\"type\":\"typing\",\"room\":\"" + room + "\",\"on\":true}";
        Predicate<JsonNode> typing = node -> "typing".equals(node.path("type").asText());
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
        try {
            refresher.scheduleAtFixedRate(() -> onA.sendRaw(typingOn), 0, 1_500, TimeUnit.MILLISECONDS);
            assertThat(onB.await(typing).get("on").asBoolean()).isTrue();
            Awaitility.await("refreshed within the 5 s expiry, it stays on").during(Duration.ofSeconds(7))
                    .atMost(Duration.ofSeconds(9))
                    .until(() -> onB.seen(typing.and(node -> !node.get("on").asBoolean())).isEmpty());
        } finally {
            refresher.shutdownNow();
        }
        assertThat(onB.await(typing.and(node -> !node.get("on").asBoolean())).get("user").asText())
                .as("no refresh: off by itself").isEqualTo(alice.userId());
        assertThat(onA.seen(typing)).as("the typer is not told of their own typing").isEmpty();
        assertThat(onA.ack("history", "room", room).get("messages")).as("typing is never stored").isEmpty();
    }

    @Test
    void when_someone_outside_the_room_types_then_forbidden() {
        WsClient outsider = connect(1, bob);
        JsonNode reply = outsider.request("typing", "room", room, "on", true);
        assertThat(reply.get("code").asText()).isEqualTo("FORBIDDEN");
    }

    @Test
    void when_a_message_contains_markup_then_it_is_stored_and_served_verbatim_and_the_page_renders_text_only()
            throws Exception {
        String markup = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";
        WsClient sender = connect(0, alice);
        sender.ack("join", "room", room);
        long seq = sender.ack("send", "room", room, "text", markup).get("seq").asLong();

        JsonNode history = new ApiClient(platform.http(1)).call("GET", "/api/v1/rooms/" + room + "/messages",
                alice.token(), null).body().get("messages");
        assertThat(history.get(history.size() - 1).get("seq").asLong()).isEqualTo(seq);
        assertThat(history.get(history.size() - 1).get("text").asText()).isEqualTo(markup);

        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                platform.http(0).resolve("/app.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("user text reaches the DOM as text only").contains("textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }
}
