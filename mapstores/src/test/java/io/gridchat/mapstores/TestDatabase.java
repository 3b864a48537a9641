package io.gridchat.mapstores;

import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.embedded.EmbeddedMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The tests' MariaDB: one embedded server per JVM, started on first use on a free port in a temp directory
 * and stopped (and its directory deleted) by a JVM shutdown hook. {@link #newShards} gives each caller fresh,
 * empty shard databases, so test classes never see each other's rows. Published in the mapstores test-jar
 * for the grid-node and edge-node tests. Thread-safe.
 */
public final class TestDatabase {
    /** Connections per shard the settings of {@link #newShards} ask for. */
    public static final int POOL_SIZE = 4;
    private static final AtomicInteger NEXT_PREFIX = new AtomicInteger();
    private static EmbeddedMariaDb server;
    private static Path root;

    private TestDatabase() {
    }

    /** The JVM's server, started on first call. */
    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            try {
                root = Files.createTempDirectory("gridchat-mariadb-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test MariaDB", e);
            }
            server = EmbeddedMariaDb.start(freePort(), root.resolve("data"), root.resolve("base"));
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::stop, "test-mariadb-stop"));
        }
        return server;
    }

    /** Where the server's binaries are unpacked; another embedded server may reuse them. */
    public static synchronized Path baseDir() {
        server();
        return root.resolve("base");
    }

    /**
     * Creates {@code count} new, empty shard databases named after {@code prefix} plus a unique number and
     * returns settings for them: user root, empty password, {@value #POOL_SIZE} connections per shard. The
     * tables are not there yet: {@code new ShardPools(settings).migrate()} creates them.
     */
    public static MysqlSettings newShards(String prefix, int count) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        String unique = clean.substring(0, Math.min(clean.length(), 30)) + "_" + NEXT_PREFIX.incrementAndGet();
        return new MysqlSettings(server().createShardDatabases(unique, count), EmbeddedMariaDb.USER,
                EmbeddedMariaDb.PASSWORD, POOL_SIZE);
    }

    /** A TCP port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static synchronized void stop() {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The JVM is going down; a leftover temp directory is no reason to fail it.
        }
    }
}
