package io.gridchat.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run counts: sends, acks, deliveries, errors by code, and the delivery latency of every message
 * scheduled at or after the end of the warm-up (microseconds, HdrHistogram {@link Recorder}). Thread-safe:
 * receive threads record, the progress reporter reads intervals.
 */
final class LoadStats {
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder sendFailures = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Recorder latencyMicros = new Recorder(3);
    private volatile boolean timing;
    private volatile long timeFromNanos;

    /** Counters at one instant; {@code answered} counts sends that got an ack or failed. */
    record Counts(long nanos, long sent, long acked, long answered, long delivered, long errors) {
    }

    /** Set before the first send: messages scheduled before this instant (the warm-up) are counted, not timed. */
    void timeFrom(long nanos) {
        timeFromNanos = nanos;
        timing = true;
    }

    void sent() {
        sent.increment();
    }

    void acked() {
        acked.increment();
    }

    /** A send that will get no ack: an error frame from the server or a local failure to write it. */
    void sendFailed(String code) {
        sendFailures.increment();
        error(code);
    }

    /** An error that is not the answer to a send, such as a connection the server closed. */
    void error(String code) {
        errors.computeIfAbsent(code, ignored -> new LongAdder()).increment();
    }

    void delivered(long sendNanos, long receivedNanos) {
        delivered.increment();
        if (timing && sendNanos - timeFromNanos >= 0) {
            latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(receivedNanos - sendNanos)));
        }
    }

    Counts counts() {
        long acks = acked.sum();
        return new Counts(System.nanoTime(), sent.sum(), acks, acks + sendFailures.sum(), delivered.sum(),
                errorCount());
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> errors() {
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((code, count) -> byCode.put(code, count.sum()));
        return byCode;
    }

    /** The latencies recorded since the last call; {@code recycle} may be the histogram it returned then. */
    Histogram intervalLatencies(Histogram recycle) {
        return latencyMicros.getIntervalHistogram(recycle);
    }
}
