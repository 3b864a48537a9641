package io.gridchat.edge.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.edge.ws.ChatConnection.Held;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a connection writes while a room's missed messages are pushed, on a socket that records the frames
 * (SlowConsumerTest and the end-to-end tests use real sockets; this case needs a message to arrive late).
 */
class ChatConnectionTest {
    @Test
    void frames_held_during_a_push_are_written_in_seq_order_each_once_even_when_one_came_late() {
        List<String> written = new CopyOnWriteArrayList<>();
        ChatConnection connection = RecordingConnections.open("c1", "ann", written);

        connection.hold("r1");
        connection.deliver("r1", 11, "m11");
        connection.deliver("r1", 10, "m10"); // the user connected as delivery was queueing it offline: pushed late
        connection.deliver("r1", 11, "m11"); // delivered twice upstream
        connection.release("r1", List.of(new Held(8, "m8"), new Held(9, "m9")));
        connection.deliver("r1", 9, "m9");

        assertThat(written).containsExactly("m8", "m9", "m10", "m11");
    }
}
