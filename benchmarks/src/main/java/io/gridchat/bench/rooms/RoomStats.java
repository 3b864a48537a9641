package io.gridchat.bench.rooms;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What a run counts: joins and leaves sent and answered, errors by operation and code, and the latency of
 * every operation scheduled at or after the end of the warm-up (scheduled time to its ack, microseconds,
 * HdrHistogram {@link Recorder}). Thread-safe: the scheduler and receive threads record, the progress reporter
 * reads intervals.
 */
final class RoomStats {
    /** The two measured operations. */
    enum Op {
        JOIN, LEAVE
    }

    private final Map<Op, LongAdder> sent = Map.of(Op.JOIN, new LongAdder(), Op.LEAVE, new LongAdder());
    private final Map<Op, LongAdder> acked = Map.of(Op.JOIN, new LongAdder(), Op.LEAVE, new LongAdder());
    private final Map<Op, LongAdder> failed = Map.of(Op.JOIN, new LongAdder(), Op.LEAVE, new LongAdder());
    private final Map<Op, Recorder> latencyMicros = Map.of(Op.JOIN, new Recorder(3), Op.LEAVE, new Recorder(3));
    /** Keys: "join", "leave" or "connection", then the code. */
    private final Map<String, Map<String, LongAdder>> errors = new ConcurrentHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private volatile boolean timing;
    private volatile long timeFromNanos;

    /** Counters at one instant; {@code answered} counts operations that got an ack or an error. */
    record Counts(long nanos, long sent, long acked, long answered, long errors) {
    }

    /** Set before the first operation: those scheduled before this instant are counted, not timed. */
    void timeFrom(long nanos) {
        timeFromNanos = nanos;
        timing = true;
    }

    void sent(Op op) {
        sent.get(op).increment();
    }

    /** An operation due while its connection held {@code maxHeld} rooms, none of them joined yet: not sent. */
    void skipped() {
        skipped.increment();
    }

    void acked(Op op, long scheduledNanos, long answeredNanos) {
        acked.get(op).increment();
        if (timing && scheduledNanos - timeFromNanos >= 0) {
            latencyMicros.get(op).recordValue(Math.max(0,
                    TimeUnit.NANOSECONDS.toMicros(answeredNanos - scheduledNanos)));
        }
    }

    /** An operation answered with an error frame, or one that could not be written. */
    void failed(Op op, String code) {
        failed.get(op).increment();
        error(op.name().toLowerCase(Locale.ROOT), code);
    }

    /** An error that answers no operation, such as a connection the server closed. */
    void connectionError(String code) {
        error("connection", code);
    }

    Counts counts() {
        long acks = acked.get(Op.JOIN).sum() + acked.get(Op.LEAVE).sum();
        long failures = failed.get(Op.JOIN).sum() + failed.get(Op.LEAVE).sum();
        return new Counts(System.nanoTime(), sent.get(Op.JOIN).sum() + sent.get(Op.LEAVE).sum(), acks,
                acks + failures, errorCount());
    }

    long sentCount(Op op) {
        return sent.get(op).sum();
    }

    long skippedCount() {
        return skipped.sum();
    }

    long errorCount() {
        return errors.values().stream().flatMap(codes -> codes.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    /** Error counts by kind ("join", "leave", "connection") and code. */
    Map<String, Map<String, Long>> errors() {
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        errors.forEach((kind, codes) -> {
            Map<String, Long> byCode = new TreeMap<>();
            codes.forEach((code, count) -> byCode.put(code, count.sum()));
            byKind.put(kind, byCode);
        });
        return byKind;
    }

    /** The latencies of {@code op} recorded since the last call; {@code recycle} may be the one returned then. */
    Histogram intervalLatencies(Op op, Histogram recycle) {
        return latencyMicros.get(op).getIntervalHistogram(recycle);
    }

    private void error(String kind, String code) {
        errors.computeIfAbsent(kind, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(code, ignored -> new LongAdder()).increment();
    }
}
