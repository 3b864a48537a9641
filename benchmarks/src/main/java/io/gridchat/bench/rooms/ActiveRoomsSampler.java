package io.gridchat.bench.rooms;

import com.fasterxml.jackson.core.JacksonException;
import io.gridchat.bench.load.ApiClient;
import io.gridchat.bench.load.Edge;
import io.gridchat.edge.Json;
import io.gridchat.grid.DaemonTimer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Asks {@code GET /api/v1/rooms?active=true&limit=L} at a fixed rate while the operations run (open model: a
 * request starts every 1/rate seconds whether the last one was answered or not) and times each from its start
 * to its response (microseconds; only requests started at or after the end of the warm-up). Its own
 * timer thread starts requests; the HTTP client's threads record answers. Thread-safe.
 */
final class ActiveRoomsSampler {
    private static final double NANOS_PER_SECOND = 1e9;

    private final ApiClient api;
    private final Edge edge;
    private final String token;
    private final String path;
    private final double rate;
    private final Recorder latencyMicros = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder sent = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final AtomicInteger lastListed = new AtomicInteger(-1);
    private final ScheduledExecutorService timer = DaemonTimer.named("active-rooms-sampler");
    private volatile long timeFromNanos;

    ActiveRoomsSampler(ApiClient api, Edge edge, String token, int limit, double rate) {
        this.api = api;
        this.edge = edge;
        this.token = token;
        this.path = "/api/v1/rooms?active=true&limit=" + limit;
        this.rate = rate;
    }

    /** Starts asking now; requests due before {@code measureFromNanos} are not timed. */
    void start(long measureFromNanos) {
        timeFromNanos = measureFromNanos;
        if (rate > 0) {
            timer.scheduleAtFixedRate(this::ask, 0, (long) (NANOS_PER_SECOND / rate), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops asking; answers still in flight are recorded until {@link #result} is called. */
    void stop() throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("active-rooms sampler did not stop");
        }
    }

    /** Requests started and not answered yet. */
    long unanswered() {
        return sent.sum() - answered.sum();
    }

    /** The latencies recorded since the last call, for the progress line; also added to the run's total. */
    synchronized Histogram interval() {
        Histogram latest = latencyMicros.getIntervalHistogram();
        total.add(latest);
        return latest;
    }

    /** What the run measured; call after {@link #stop()} and the drain. */
    synchronized Result result() {
        interval();
        Map<String, Long> byCode = new TreeMap<>();
        errors.forEach((code, count) -> byCode.put(code, count.sum()));
        return new Result(total.copy(), sent.sum(), answered.sum(), byCode, lastListed.get());
    }

    /** Latencies (µs), requests sent and answered, errors by HTTP status or failure, rooms in the last list. */
    record Result(Histogram latencyMicros, long sent, long answered, Map<String, Long> errors, int lastListed) {
    }

    private void ask() {
        long due = System.nanoTime();
        sent.increment();
        api.get(edge.http(), path, token).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            answered.increment();
            if (failure != null) {
                error(failure.getClass().getSimpleName());
            } else if (response.statusCode() != 200) {
                error("HTTP " + response.statusCode());
            } else {
                if (due - timeFromNanos >= 0) {
                    latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - due)));
                }
                lastListed.set(listed(response));
            }
        });
    }

    private static int listed(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body()).path("rooms").size();
        } catch (JacksonException e) {
            return -1;
        }
    }

    private void error(String code) {
        errors.computeIfAbsent(code, ignored -> new LongAdder()).increment();
    }
}
