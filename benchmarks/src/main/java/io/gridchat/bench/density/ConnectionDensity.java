package io.gridchat.bench.density;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connection density (issue 3, item 4): registers accounts on a running edge node, opens N authenticated WebSocket
 * connections from several 127.0.1.x source addresses, keeps them idle but pinging, and measures the edge JVM
 * (given by pid) before and after: live heap after a full GC and RSS, per connection. Run it through
 * benchmarks/scripts/density.sh, which starts MariaDB, a grid member and the edge node each in its own JVM, so the
 * edge's heap holds only the edge's share. Progress goes to the log, the result is one JSON line on stdout.
 */
public final class ConnectionDensity {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDensity.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);
    private static final int TOP_CLASSES = 12;

    private ConnectionDensity() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.err.print(DensityOptions.USAGE);
            return;
        }
        DensityOptions options;
        try {
            options = DensityOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        EdgeApi edge = new EdgeApi(options.url());
        edge.awaitReady(READY_TIMEOUT);
        LOG.info("registering {} users", options.users());
        List<String> tokens = edge.register(options.users());
        try (ClientFleet fleet = ClientFleet.start(options)) {
            warmUp(fleet, tokens, options.warmup());
            ProcessProbe.Snapshot before = measure(options);
            LOG.info("opening {} connections from {} source addresses", options.connections(),
                    options.sourceAddresses());
            IdleConnection.Counters counters = new IdleConnection.Counters();
            long overflowsBefore = ProcessProbe.listenOverflows();
            long start = System.nanoTime();
            List<IdleConnection> open = fleet.open(options.connections(), i -> tokens.get(i % tokens.size()),
                    counters);
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            long listenOverflows = ProcessProbe.listenOverflows() - overflowsBefore;
            LOG.info("{} of {} connections open after {} s; holding them {} s", open.size(), options.connections(),
                    Math.round(connectSeconds * 10) / 10.0, options.hold().toSeconds());
            hold(options.hold(), counters, open.size());
            long serverConnections = edge.serverConnections();
            ProcessProbe.Snapshot after = measure(options);
            long live = open.size() - counters.closed().sum();
            ObjectNode result = JSON.createObjectNode().put("connections", live)
                    .put("requested", options.connections()).put("failed", options.connections() - open.size())
                    .put("closedDuringHold", counters.closed().sum()).put("serverConnections", serverConnections)
                    .put("connectSeconds", Math.round(connectSeconds * 1000) / 1000.0)
                    .put("connectsPerSec", Math.round(open.size() / connectSeconds))
                    .put("listenOverflowsWhileConnecting", listenOverflows);
            memory(result, before, after, live);
            result.put("users", options.users()).put("sourceAddresses", options.sourceAddresses())
                    .put("pingSeconds", options.ping().toSeconds()).put("holdSeconds", options.hold().toSeconds())
                    .put("pings", counters.pings().sum()).put("pongs", counters.pongs().sum())
                    .put("otherFrames", counters.otherFrames().sum()).put("errors", counters.errors().sum())
                    .put("deflate", options.deflate());
            // The result line is this tool's output, so it goes to stdout; logs go elsewhere.
            System.out.println(result);
        }
    }

    /** Opens and closes a few connections, so one-time costs on the edge land in the baseline. */
    private static void warmUp(ClientFleet fleet, List<String> tokens, int count) throws Exception {
        if (count == 0) {
            return;
        }
        LOG.info("warm-up: opening and closing {} connections", count);
        List<IdleConnection> warm = fleet.open(count, i -> tokens.get(i % tokens.size()),
                new IdleConnection.Counters());
        CompletableFuture.allOf(warm.stream().map(IdleConnection::close).toArray(CompletableFuture[]::new))
                .get(1, TimeUnit.MINUTES);
    }

    private static void hold(Duration hold, IdleConnection.Counters counters, int opened)
            throws InterruptedException {
        long remaining = hold.toMillis();
        while (remaining > 0) {
            long step = Math.min(REPORT_EVERY.toMillis(), remaining);
            Thread.sleep(step);
            remaining -= step;
            LOG.info("holding: {} open, {} pings, {} pongs, {} closed, {} errors", opened - counters.closed().sum(),
                    counters.pings().sum(), counters.pongs().sum(), counters.closed().sum(), counters.errors().sum());
        }
    }

    private static ProcessProbe.Snapshot measure(DensityOptions options) throws Exception {
        if (options.serverPid() == null) {
            return null;
        }
        LOG.info("measuring the edge JVM {} (full GC, class histogram)", options.serverPid());
        return ProcessProbe.take(options.serverPid());
    }

    private static void memory(ObjectNode result, ProcessProbe.Snapshot before, ProcessProbe.Snapshot after,
                               long live) {
        if (before == null || after == null || live <= 0) {
            result.putNull("heapBytesPerConnection").putNull("rssBytesPerConnection");
            return;
        }
        result.put("heapBytesPerConnection", Math.round((double) (after.heapBytes() - before.heapBytes()) / live))
                .put("rssBytesPerConnection", Math.round((double) (after.rssBytes() - before.rssBytes()) / live))
                .put("heapBeforeBytes", before.heapBytes()).put("heapAfterBytes", after.heapBytes())
                .put("rssBeforeBytes", before.rssBytes()).put("rssAfterBytes", after.rssBytes())
                .put("threadsBefore", before.threads()).put("threadsAfter", after.threads());
        ArrayNode classes = result.putArray("heapGrowthByClass");
        for (ProcessProbe.ClassUsage grown : after.grownSince(before, TOP_CLASSES)) {
            classes.addObject().put("class", grown.name())
                    .put("bytesPerConnection", Math.round(grown.bytes() * 10.0 / live) / 10.0)
                    .put("instancesPerConnection", Math.round(grown.instances() * 100.0 / live) / 100.0);
        }
    }
}
