package io.gridchat.mapstores.embedded;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.EmbeddedSettings;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded MariaDB for scripts/run.sh: settings from {@code embedded.*} of gridchat.yaml, data in
 * {@code embedded.dataDir}, binaries beside it in {@code <dataDir>-base}, shard databases
 * {@code gridchat_0 .. gridchat_{shardCount-1}}. Logs "MariaDB ready on port N" once they exist, then serves
 * until SIGTERM or Ctrl-C, when a shutdown hook stops the server cleanly. The tables are created by the grid
 * members ({@code ShardPools.migrate()}).
 */
public final class EmbeddedMariaDbMain {
    static final String SHARD_PREFIX = "gridchat";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDbMain.class);

    private EmbeddedMariaDbMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedSettings settings = ConfigLoader.load().embedded();
        Path dataDir = Path.of(settings.dataDir()).toAbsolutePath().normalize();
        Path baseDir = dataDir.resolveSibling(dataDir.getFileName() + "-base");
        EmbeddedMariaDb server = EmbeddedMariaDb.start(settings.mariadbPort(), dataDir, baseDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-mariadb-stop"));
        List<String> shards;
        try {
            shards = server.createShardDatabases(SHARD_PREFIX, settings.shardCount());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("Shard databases: {}", shards);
        LOG.info("MariaDB ready on port {}", settings.mariadbPort());
        // Serve until the JVM is told to stop; the shutdown hook then stops the server.
        Thread.currentThread().join();
    }
}
