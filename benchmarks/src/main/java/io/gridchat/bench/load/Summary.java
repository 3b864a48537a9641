package io.gridchat.bench.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The one-line JSON result of a run. Rates are over the measurement window; counts and the consistency check
 * cover the whole run including the warm-up. Consistent means every acked message reached every participant
 * exactly once ({@code delivered == acked x participants}) and, when counted, is stored ({@code stored ==
 * acked}). Immutable.
 */
record Summary(LoadOptions options, SendScheduler.Window window, LoadStats.Counts drained, long drainMillis,
               Map<String, Long> errors, Histogram latencyMicros, Long stored) {
    private static final double MICROS_PER_MILLI = 1000.0;

    long expectedDeliveries() {
        return drained.acked() * options.participants();
    }

    boolean consistent() {
        return drained.delivered() == expectedDeliveries() && (stored == null || stored == drained.acked());
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("targetRate", options.rate());
        json.put("durationSeconds", options.durationSeconds());
        json.put("warmupSeconds", options.warmupSeconds());
        json.put("connections", options.connections());
        json.put("rooms", options.rooms());
        json.put("participants", options.participants());
        json.set("edges", Json.strings(options.edges().stream().map(edge -> edge.ws().toString()).toList()));
        json.put("sent", drained.sent());
        json.put("acked", drained.acked());
        ObjectNode errorCounts = json.putObject("errors");
        errors.forEach(errorCounts::put);
        json.put("unanswered", drained.sent() - drained.answered());
        double seconds = window.seconds();
        json.put("measuredSeconds", round(seconds));
        json.put("acceptedSendsPerSec", round((window.end().acked() - window.start().acked()) / seconds));
        json.put("deliveriesPerSec", round((window.end().delivered() - window.start().delivered()) / seconds));
        ObjectNode latency = json.putObject("latencyMs");
        latency.put("p50", millisAt(50));
        latency.put("p95", millisAt(95));
        latency.put("p99", millisAt(99));
        latency.put("p999", millisAt(99.9));
        latency.put("max", round(latencyMicros.getMaxValue() / MICROS_PER_MILLI));
        latency.put("samples", latencyMicros.getTotalCount());
        json.put("delivered", drained.delivered());
        json.put("expectedDeliveries", expectedDeliveries());
        if (stored == null) {
            json.putNull("stored");
        } else {
            json.put("stored", stored);
        }
        json.put("drainMs", drainMillis);
        json.put("consistent", consistent());
        return json;
    }

    private double millisAt(double percentile) {
        return round(latencyMicros.getValueAtPercentile(percentile) / MICROS_PER_MILLI);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
