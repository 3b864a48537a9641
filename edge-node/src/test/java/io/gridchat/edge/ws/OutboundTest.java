package io.gridchat.edge.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The two bounds of a connection's unwritten frames, on a queue whose socket never opens (so nothing drains):
 * the overflow is reported once, by whichever bound is passed first. SlowConsumerTest shows the close it
 * leads to over a real socket.
 */
class OutboundTest {
    @Test
    void a_queue_overflows_on_its_character_bound_before_its_frame_bound_when_frames_are_large() {
        AtomicInteger overflows = new AtomicInteger();
        Outbound outbound = new Outbound(1_000, 10_000, failure -> { }, overflows::incrementAndGet, null);
        String large = "x".repeat(4_000);

        outbound.send(large);
        outbound.send(large);
        assertThat(overflows).as("8,000 characters queued").hasValue(0);
        outbound.send(large);
        outbound.send(large);
        assertThat(overflows).as("past 10,000 characters, reported once").hasValue(1);
    }

    @Test
    void a_queue_overflows_on_its_frame_bound_when_frames_are_small() {
        AtomicInteger overflows = new AtomicInteger();
        Outbound outbound = new Outbound(3, 10_000, failure -> { }, overflows::incrementAndGet, null);
        for (int i = 0; i < 3; i++) {
            outbound.send("{}");
        }
        assertThat(overflows).hasValue(0);
        outbound.send("{}");
        assertThat(overflows).hasValue(1);
    }
}
