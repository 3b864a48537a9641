package io.gridchat.bench.db;

import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.embedded.EmbeddedMariaDb;
import io.gridchat.model.GridchatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards both phases write to, with gridchat's schema: an embedded MariaDB in a temporary directory (stopped
 * and deleted by {@link #close()}), or existing shards whose messages table must be empty at the start and is
 * emptied again at the end. Used from the benchmark's main thread.
 */
final class BenchDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BenchDatabase.class);
    /** Raw phase: one connection per shard; the rest count rows while the write-behind phase drains. */
    private static final int POOL_SIZE = 2;

    private final MysqlSettings settings;
    private final ShardPools pools;
    private final EmbeddedMariaDb server;
    private final Path tempDir;
    /** External shards only: set once their messages tables proved empty, so that close may empty them again. */
    private boolean truncateOnClose;

    private BenchDatabase(MysqlSettings settings, ShardPools pools, EmbeddedMariaDb server, Path tempDir) {
        this.settings = settings;
        this.pools = pools;
        this.server = server;
        this.tempDir = tempDir;
    }

    static BenchDatabase open(DbOptions options) {
        if (!options.embedded()) {
            MysqlSettings settings = new MysqlSettings(options.mysqlShards(), options.user(), options.password(),
                    POOL_SIZE);
            BenchDatabase database = new BenchDatabase(settings, new ShardPools(settings), null, null);
            return database.prepare(true);
        }
        Path tempDir = createTempDir();
        EmbeddedMariaDb server = null;
        BenchDatabase database;
        try {
            Path baseDir = options.mariadbBaseDir() == null ? tempDir.resolve("base") : options.mariadbBaseDir();
            server = EmbeddedMariaDb.start(freePort(), tempDir.resolve("data"), baseDir);
            MysqlSettings settings = new MysqlSettings(server.createShardDatabases("bench", options.shards()),
                    EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD, POOL_SIZE);
            database = new BenchDatabase(settings, new ShardPools(settings), server, tempDir);
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            deleteTree(tempDir);
            throw e;
        }
        return database.prepare(false);
    }

    private BenchDatabase prepare(boolean external) {
        try {
            pools.migrate();
            long rows = countMessages();
            if (external && rows > 0) {
                throw new GridchatException("the messages tables of " + settings.shards() + " hold " + rows
                        + " rows; point --mysql-shards at empty benchmark databases, never at live ones");
            }
            truncateOnClose = external;
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    MysqlSettings settings() {
        return settings;
    }

    ShardPools pools() {
        return pools;
    }

    String description() {
        return server == null ? "external" : "embedded MariaDB";
    }

    /** Rows in the messages tables of all shards together. */
    long countMessages() {
        long total = 0;
        for (int shard = 0; shard < pools.shardCount(); shard++) {
            try (Connection connection = pools.shard(shard).getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM messages")) {
                count.next();
                total += count.getLong(1);
            } catch (SQLException e) {
                throw new GridchatException("cannot count the messages of shard " + shard, e);
            }
        }
        return total;
    }

    void truncateMessages() {
        for (int shard = 0; shard < pools.shardCount(); shard++) {
            try (Connection connection = pools.shard(shard).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE TABLE messages");
            } catch (SQLException e) {
                throw new GridchatException("cannot truncate the messages of shard " + shard, e);
            }
        }
    }

    /** External shards get their messages tables emptied (they were empty before); embedded ones are deleted. */
    @Override
    public void close() {
        try {
            if (truncateOnClose) {
                truncateMessages();
            }
        } finally {
            pools.close();
            if (server != null) {
                server.close();
                deleteTree(tempDir);
            }
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("gridchat-dbbaseline-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the embedded MariaDB", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the embedded MariaDB", e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", root, e.toString());
        }
    }
}
