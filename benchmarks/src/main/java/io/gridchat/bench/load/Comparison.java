package io.gridchat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Joins the summaries of the same load against the bare Jetty baseline and against gridchat into one JSON
 * line with the ratios gridchat / bare of deliveries per second and of p99 latency. Used by
 * {@code scripts/compare.sh}: {@code Comparison <bare-summary-file> <gridchat-summary-file>}, each file
 * holding the generator's stdout (its last line starting with '{' is the summary). Runs on the main thread.
 */
public final class Comparison {
    private Comparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Comparison <bare-summary-file> <gridchat-summary-file>");
            System.exit(2);
        }
        JsonNode bare = summary(Path.of(args[0]));
        JsonNode gridchat = summary(Path.of(args[1]));
        ObjectNode result = Json.object();
        result.set("bare", bare);
        result.set("gridchat", gridchat);
        ObjectNode ratios = result.putObject("ratios");
        ratios.set("deliveriesPerSec", ratio(gridchat.path("deliveriesPerSec"), bare.path("deliveriesPerSec")));
        ratios.set("p99", ratio(gridchat.path("latencyMs").path("p99"), bare.path("latencyMs").path("p99")));
        System.out.println(Json.write(result));
    }

    private static JsonNode summary(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("{")) {
                return Json.MAPPER.readTree(lines.get(i));
            }
        }
        // a run that failed has no summary; the comparison still shows the other one
        return Json.MAPPER.nullNode();
    }

    private static JsonNode ratio(JsonNode numerator, JsonNode denominator) {
        if (!numerator.isNumber() || !denominator.isNumber() || denominator.asDouble() == 0) {
            return Json.MAPPER.nullNode();
        }
        return Json.MAPPER.getNodeFactory().numberNode(
                Math.round(numerator.asDouble() / denominator.asDouble() * 1000) / 1000.0);
    }
}
