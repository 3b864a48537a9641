package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridchat.edge.ApiClient.Account;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Read positions and read receipts over the shared platform (2 members, 2 edges, MariaDB). */
@ExtendWith(SharedPlatform.class)
class ReceiptsTest {
    private final Platform platform;
    @RegisterExtension
    final OpenSockets sockets = new OpenSockets();
    private Account alice;
    private Account bob;
    private Account carol;
    private String room;

    ReceiptsTest(Platform platform) {
        this.platform = platform;
    }

    @BeforeEach
    void threeMembers() {
        ApiClient api = new ApiClient(platform.http(0));
        alice = api.register(ApiClient.uniqueName("alice"));
        bob = api.register(ApiClient.uniqueName("bob"));
        carol = api.register(ApiClient.uniqueName("carol"));
        room = api.createRoom(alice, "receipts", "group");
    }

    private WsClient connect(int edge, Account account) {
        return sockets.connect(platform.ws(edge, account.token()));
    }

    private WsClient joined(int edge, Account account) {
        WsClient client = connect(edge, account);
        client.ack("join", "room", room);
        return client;
    }

    private static Predicate<JsonNode> receipt() {
        return node -> "receipt".equals(node.path("type").asText());
    }

    @Test
    void when_a_member_reads_then_each_sender_gets_one_read_receipt_for_their_latest_message_read() {
        WsClient aliceWs = joined(0, alice);
        WsClient bobWs = joined(1, bob);
        WsClient carolWs = joined(0, carol);
        bobWs.ack("send", "room", room, "text", "one");
        bobWs.ack("send", "room", room, "text", "two");
        JsonNode bobsLast = bobWs.ack("send", "room", room, "text", "three");
        JsonNode carols = carolWs.ack("send", "room", room, "text", "four");
        aliceWs.ack("send", "room", room, "text", "five (alice's own)");

        assertThat(aliceWs.ack("read", "room", room, "seq", 5).get("room").asText()).isEqualTo(room);

        JsonNode toBob = bobWs.await(receipt());
        assertThat(toBob.get("room").asText()).isEqualTo(room);
        assertThat(toBob.get("msgId").asText()).isEqualTo(bobsLast.get("msgId").asText());
        assertThat(toBob.get("seq").asLong()).isEqualTo(3);
        assertThat(toBob.get("by").asText()).isEqualTo(alice.userId());
        assertThat(toBob.get("status").asText()).isEqualTo("read");
        JsonNode toCarol = carolWs.await(receipt());
        assertThat(toCarol.get("msgId").asText()).isEqualTo(carols.get("msgId").asText());
        assertThat(toCarol.get("seq").asLong()).isEqualTo(4);

        // reading back never moves the position back; it shows on the next join
        aliceWs.ack("read", "room", room, "seq", 2);
        assertThat(connect(1, alice).ack("join", "room", room).get("readSeq").asLong()).isEqualTo(5);
    }

    @Test
    void when_a_reader_reads_many_times_a_second_then_the_sender_gets_at_most_one_receipt_a_second() {
        WsClient aliceWs = joined(0, alice);
        WsClient bobWs = joined(1, bob);
        for (int i = 1; i <= 6; i++) {
            bobWs.ack("send", "room", room, "text", "m" + i);
        }
        for (int seq = 1; seq <= 6; seq++) {
            aliceWs.ack("read", "room", room, "seq", seq);
        }
        long first = System.nanoTime();
        assertThat(bobWs.await(receipt()).get("seq").asLong()).isEqualTo(1);
        JsonNode coalesced = bobWs.await(receipt());
        long gapMillis = (System.nanoTime() - first) / 1_000_000;
        assertThat(coalesced.get("seq").asLong()).isEqualTo(6);
        assertThat(gapMillis).as("second receipt waited for the window").isGreaterThanOrEqualTo(500);
        // a marker sent after the window shows no third receipt was queued before it
        aliceWs.ack("send", "room", room, "text", "marker");
        JsonNode next = bobWs.await(node -> receipt().test(node)
                || ("message".equals(node.path("type").asText()) && "marker".equals(node.path("text").asText())));
        assertThat(next.get("type").asText()).isEqualTo("message");
    }

    @Test
    void when_someone_outside_the_room_reads_or_a_seq_is_bad_then_an_error_and_nothing_moves() {
        joined(0, alice).ack("send", "room", room, "text", "hello");
        WsClient outsider = connect(1, carol);
        assertThat(outsider.request("read", "room", room, "seq", 1).get("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(outsider.request("read", "room", room, "seq", -1).get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(outsider.request("read", "room", room).get("code").asText()).isEqualTo("BAD_REQUEST");
        WsClient bobWs = joined(1, bob);
        bobWs.ack("read", "room", room, "seq", 1_000);
        assertThat(connect(0, bob).ack("join", "room", room).get("readSeq").asLong()).as("clamped to the room's last seq").isEqualTo(1);
    }
}
