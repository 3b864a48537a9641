package io.gridchat.edge.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The two bounds of a connection's unwritten frames, on a queue whose socket never opens (so nothing drains):
 * the overflow is reported once, by whichever bound is passed first. SlowConsumerTest shows the close it
 * leads to over a real socket. And which thread writes: fan-out frames a writer thread, a request's answer the
 * thread that has it, never ahead of frames queued before it.
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

    @Test
    void an_answer_is_written_by_the_answering_thread_and_never_ahead_of_frames_queued_before_it() {
        List<String> written = new CopyOnWriteArrayList<>();
        Queue<Runnable> writerTasks = new ConcurrentLinkedQueue<>();
        ChatConnection connection = RecordingConnections.open("c1", "ann", written, writerTasks::add);

        connection.reply("{\"type\":\"pong\"}");
        assertThat(written).as("written on this thread, no writer task needed").containsExactly("{\"type\":\"pong\"}");
        assertThat(writerTasks).isEmpty();

        connection.send("{\"type\":\"message\"}");
        assertThat(written).as("fan-out waits for a writer thread").hasSize(1);
        connection.reply("{\"type\":\"ack\"}");
        assertThat(written).as("the answer writes what was queued before it first")
                .containsExactly("{\"type\":\"pong\"}", "{\"type\":\"message\"}", "{\"type\":\"ack\"}");
        writerTasks.forEach(Runnable::run);
        assertThat(written).as("the writer finds nothing left").hasSize(3);
    }
}
