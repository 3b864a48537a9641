package io.gridchat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.edge.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Joins the summaries of the same load against the bare Jetty baseline and against gridchat into one JSON
 * line with the ratios gridchat / bare of deliveries per second and of p99 latency. Used by
 * {@code scripts/compare.sh}: {@code Comparison <bare-summary-file> <gridchat-summary-file>
 * [<bare-cpu-file> <gridchat-cpu-file>]}, each summary file holding the generator's stdout (its last line
 * starting with '{' is the summary), each CPU file the output of {@code cpu-sample.sh} for that run, to which
 * the CPU each process spent per accepted send is added. Runs on the main thread.
 */
public final class Comparison {
    /** The load generator's name in a CPU sample (compare.sh). */
    static final String GENERATOR = "generator";

    private Comparison() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2 && args.length != 4) {
            System.err.println("usage: Comparison <bare-summary-file> <gridchat-summary-file> "
                    + "[<bare-cpu-file> <gridchat-cpu-file>]");
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
        if (args.length == 4) {
            ObjectNode cpu = result.putObject("cpu");
            cpu.set("bare", perSend(summary(Path.of(args[2])), bare));
            cpu.set("gridchat", perSend(summary(Path.of(args[3])), gridchat));
        }
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

    /**
     * The sample with each process's CPU per accepted send ({@code microsPerSend}: cores / sends per second) and
     * the sum over the servers ({@code serversMicrosPerSend}: every process but the generator); as it is when
     * the sample or the send rate is missing.
     */
    static JsonNode perSend(JsonNode sample, JsonNode summary) {
        double sendsPerSec = summary.path("acceptedSendsPerSec").asDouble();
        if (!(sample instanceof ObjectNode withCpu) || !sample.path("processes").isObject() || sendsPerSec <= 0) {
            return sample;
        }
        double servers = 0;
        for (Map.Entry<String, JsonNode> process : sample.path("processes").properties()) {
            if (process.getValue() instanceof ObjectNode numbers && numbers.path("cpu").isNumber()) {
                double micros = micros(numbers.path("cpu").asDouble() / sendsPerSec * 1_000_000);
                numbers.put("microsPerSend", micros);
                if (!GENERATOR.equals(process.getKey())) {
                    servers += micros;
                }
            }
        }
        withCpu.put("serversMicrosPerSend", micros(servers));
        return withCpu;
    }

    private static double micros(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static JsonNode ratio(JsonNode numerator, JsonNode denominator) {
        if (!numerator.isNumber() || !denominator.isNumber() || denominator.asDouble() == 0) {
            return Json.MAPPER.nullNode();
        }
        return Json.MAPPER.getNodeFactory().numberNode(
                Math.round(numerator.asDouble() / denominator.asDouble() * 1000) / 1000.0);
    }
}
