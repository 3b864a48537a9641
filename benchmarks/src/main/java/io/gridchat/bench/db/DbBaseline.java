package io.gridchat.bench.db;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.config.ConfigLoader;
import io.gridchat.config.GridchatConfig;
import io.gridchat.config.MysqlSettings;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.GridchatException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database baseline (issue 3, item 3): in one run, on the same shards and the same N messages, (a) raw multi-row
 * INSERTs, one thread per shard, against (b) the write-behind drain of the messages MapStore of a real grid
 * member. Progress goes to the log (benchmarks/scripts/db-baseline.sh sends it to stderr); the result is one JSON
 * line on stdout: {@code rawRowsPerSec, writeBehindRowsPerSec, ratio, n, ...}. Everything it starts is stopped.
 */
public final class DbBaseline {
    private static final Logger LOG = LoggerFactory.getLogger(DbBaseline.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_ROWS = 100_000;

    private DbBaseline() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.err.print(DbOptions.USAGE);
            return;
        }
        DbOptions options;
        try {
            options = DbOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        List<ChatMessage> messages = MessageCorpus.generate(options.messages(), options.rooms());
        try (BenchDatabase database = BenchDatabase.open(options)) {
            int shards = database.pools().shardCount();
            // Warm-up (untimed), so that the raw phase is not timed on a cold JIT either.
            List<ChatMessage> warmUp = messages.subList(0, Math.min(messages.size(), WARM_UP_ROWS));
            LOG.info("raw warm-up: {} rows", warmUp.size());
            RawInsertRun.run(database.pools(), warmUp, options.batch());
            database.truncateMessages();
            LOG.info("raw phase: {} rows into {} shards, {} rows per INSERT, one thread per shard",
                    messages.size(), shards, options.batch());
            double rawSeconds = RawInsertRun.run(database.pools(), messages, options.batch());
            requireRows(database, messages.size(), "raw phase");
            database.truncateMessages();

            GridchatConfig config = ConfigLoader.load(memberOverrides(options, database.settings()));
            LOG.info("write-behind phase: {} rows queued (write delay {} s holds them), then flushed through the "
                    + "messages MapStore in batches of {}", messages.size(), config.grid().writeDelaySeconds(),
                    config.grid().writeBatchSize());
            WriteBehindRun.Result drain = WriteBehindRun.run(config, messages, WARM_UP_ROWS, database, options.deliveryJob());
            requireRows(database, messages.size(), "write-behind phase");

            double rawRate = messages.size() / rawSeconds;
            double drainRate = (messages.size() - drain.firstRows()) / drain.drainSeconds();
            ObjectNode result = JSON.createObjectNode()
                    .put("rawRowsPerSec", Math.round(rawRate))
                    .put("writeBehindRowsPerSec", Math.round(drainRate))
                    .put("ratio", Math.round(drainRate / rawRate * 1000) / 1000.0)
                    .put("n", messages.size())
                    .put("shards", shards)
                    .put("batch", options.batch())
                    .put("writeDelaySeconds", config.grid().writeDelaySeconds())
                    .put("writeBatchSize", config.grid().writeBatchSize())
                    .put("rooms", options.rooms())
                    .put("rawSeconds", round(rawSeconds))
                    .put("putSeconds", round(drain.putSeconds()))
                    .put("flushSeconds", round(drain.flushSeconds()))
                    .put("flushRowsPerSec", Math.round(messages.size() / drain.flushSeconds()))
                    .put("firstRowSeconds", round(drain.firstRowSeconds()))
                    .put("firstRows", drain.firstRows())
                    .put("drainSeconds", round(drain.drainSeconds()))
                    .put("deliveryJob", options.deliveryJob())
                    .put("database", database.description());
            // The result line is this tool's output, so it goes to stdout; logs go elsewhere.
            System.out.println(result);
        }
    }

    private static Map<String, String> memberOverrides(DbOptions options, MysqlSettings shards) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("cluster.name", "gridchat-dbbaseline-" + UUID.randomUUID());
        overrides.put("cluster.bindAddress", "127.0.0.1");
        overrides.put("cluster.memberPort", Integer.toString(options.memberPort()));
        overrides.put("cluster.members", "127.0.0.1:" + options.memberPort());
        overrides.put("mysql.shards", String.join(",", shards.shards()));
        overrides.put("mysql.user", shards.user());
        overrides.put("mysql.password", shards.password());
        // The fill must not be written before the flush; see WriteBehindRun.
        overrides.put("grid.writeDelaySeconds", options.writeDelaySeconds() != null
                ? options.writeDelaySeconds().toString() : Integer.toString(WriteBehindRun.HOLD_DELAY_SECONDS));
        if (options.writeBatchSize() != null) {
            overrides.put("grid.writeBatchSize", options.writeBatchSize().toString());
        }
        return overrides;
    }

    private static void requireRows(BenchDatabase database, long expected, String phase) {
        long rows = database.countMessages();
        if (rows != expected) {
            throw new GridchatException(phase + " left " + rows + " rows in MySQL, expected " + expected);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
