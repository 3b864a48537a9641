package io.gridchat.bench.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.bench.rooms.RoomStats.Op;
import io.gridchat.edge.Json;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The one-line JSON result of a run. Rates are over the measurement window; counts cover the whole run including
 * the warm-up. Latencies in milliseconds. Immutable.
 */
record RoomOpsSummary(RoomOpsOptions options, OpScheduler.Window window, RoomStats stats, long drainMillis,
                      Map<Op, Histogram> latencyMicros, ActiveRoomsSampler.Result active) {
    private static final double MICROS_PER_MILLI = 1000.0;

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("targetOpsPerSec", options.rate());
        json.put("warmupSeconds", options.warmupSeconds());
        json.put("durationSeconds", options.durationSeconds());
        json.put("users", options.users());
        json.put("rooms", options.rooms());
        json.put("groupRooms", options.groupRooms());
        json.put("studyCapacity", options.capacity());
        json.put("hold", options.hold());
        json.set("edges", Json.strings(options.edges().stream().map(edge -> edge.ws().toString()).toList()));
        RoomStats.Counts end = stats.counts();
        json.put("joinsSent", stats.sentCount(Op.JOIN));
        json.put("leavesSent", stats.sentCount(Op.LEAVE));
        json.put("acked", end.acked());
        json.put("unanswered", end.sent() - end.answered());
        json.put("skipped", stats.skippedCount());
        json.set("errors", Json.MAPPER.valueToTree(stats.errors()));
        double seconds = window.seconds();
        json.put("measuredSeconds", round(seconds));
        json.put("offeredOpsPerSec", round((window.end().sent() - window.start().sent()) / seconds));
        json.put("achievedOpsPerSec", round((window.end().acked() - window.start().acked()) / seconds));
        json.set("joinMs", percentiles(latencyMicros.get(Op.JOIN)));
        json.set("leaveMs", percentiles(latencyMicros.get(Op.LEAVE)));
        ObjectNode list = percentiles(active.latencyMicros());
        list.put("requestsPerSec", options.activeRate());
        list.put("limit", options.activeLimit());
        list.put("sent", active.sent());
        list.put("unanswered", active.sent() - active.answered());
        list.set("errors", Json.MAPPER.valueToTree(active.errors()));
        list.put("roomsInLastList", active.lastListed());
        json.set("activeListMs", list);
        json.put("drainMs", drainMillis);
        return json;
    }

    private static ObjectNode percentiles(Histogram micros) {
        ObjectNode json = Json.object();
        json.put("p50", millisAt(micros, 50));
        json.put("p95", millisAt(micros, 95));
        json.put("p99", millisAt(micros, 99));
        json.put("max", round(micros.getMaxValue() / MICROS_PER_MILLI));
        json.put("samples", micros.getTotalCount());
        return json;
    }

    private static double millisAt(Histogram micros, double percentile) {
        return round(micros.getValueAtPercentile(percentile) / MICROS_PER_MILLI);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
