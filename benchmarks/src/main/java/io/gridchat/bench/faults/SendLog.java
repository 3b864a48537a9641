package io.gridchat.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients of one scenario did: every ack (the first one per send), refusals by code, timeouts,
 * reconnects, and the longest time without any ack. Thread-safe: client threads record, the driver reads.
 */
final class SendLog {
    /**
     * One acknowledged send. {@code order} is the sender's creation order of its sends (it sends one at a
     * time, so it is also the ack order); times are {@link System#nanoTime()}.
     */
    record Ack(int sender, String room, long order, String clientMsgId, String msgId, long seq, long createdNanos,
               long ackNanos, int attempts) {
    }

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final LongAdder created = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder resumes = new LongAdder();
    private final AtomicLong acked = new AtomicLong();
    private long lastAckNanos;
    private long maxAckGapNanos;
    private long maxAckGapEndNanos;

    SendLog(long startNanos) {
        this.lastAckNanos = startNanos;
    }

    /** The load starts now: the longest time without an ack is counted from here, not from the setup. */
    synchronized void sendingFrom(long nanos) {
        lastAckNanos = nanos;
        maxAckGapNanos = 0;
        maxAckGapEndNanos = 0;
    }

    void created() {
        created.increment();
    }

    void acked(Ack ack) {
        acks.add(ack);
        acked.incrementAndGet();
        synchronized (this) {
            long gap = ack.ackNanos() - lastAckNanos;
            if (gap > maxAckGapNanos) {
                maxAckGapNanos = gap;
                maxAckGapEndNanos = ack.ackNanos();
            }
            lastAckNanos = Math.max(lastAckNanos, ack.ackNanos());
        }
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, key -> new LongAdder()).increment();
    }

    void timedOut() {
        timeouts.increment();
    }

    void disconnected() {
        disconnects.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    void resumed() {
        resumes.increment();
    }

    long createdCount() {
        return created.sum();
    }

    long ackedCount() {
        return acked.get();
    }

    List<Ack> acks() {
        return new ArrayList<>(acks);
    }

    Map<String, Long> refusals() {
        Map<String, Long> copy = new TreeMap<>();
        refusals.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    long refusals(String code) {
        LongAdder count = refusals.get(code);
        return count == null ? 0 : count.sum();
    }

    long timeouts() {
        return timeouts.sum();
    }

    long disconnects() {
        return disconnects.sum();
    }

    long reconnects() {
        return reconnects.sum();
    }

    long resumes() {
        return resumes.sum();
    }

    /** The longest time in which no send was acked anywhere, and when it ended. */
    synchronized long[] maxAckGap() {
        return new long[] {maxAckGapNanos, maxAckGapEndNanos};
    }
}
