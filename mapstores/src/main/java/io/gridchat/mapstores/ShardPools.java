package io.gridchat.mapstores;

import com.hazelcast.core.HazelcastInstance;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gridchat.config.MysqlSettings;
import io.gridchat.model.GridchatException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hikari pool per shard, built once per member from {@link MysqlSettings} and handed to the MapStores
 * through the Hazelcast user context under {@link #USER_CONTEXT_KEY} (no static singleton):
 * <pre>{@code
 * ShardPools pools = new ShardPools(settings.mysql());
 * pools.migrate();
 * config.setUserContext(new ConcurrentHashMap<>(Map.of(ShardPools.USER_CONTEXT_KEY, pools)));
 * }</pre>
 * Building the pools does no I/O: a shard that is down shows in {@link #migrate()} and in every store, never
 * at construction. The member closes the pools after its Hazelcast instance has shut down. Thread-safe.
 */
public final class ShardPools implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardPools.class);
    /** Key of this object in {@code Config.getUserContext()}. */
    public static final String USER_CONTEXT_KEY = "gridchat.shardPools";
    /** How long a caller waits for a connection before the shard counts as unavailable. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Server-side statements cached per connection (LRU). The hot ones are few: the ten upsert sizes of the
     * busiest table ({@link ShardBatches#statementChunks}) and single-key reads. Bounded because every cached
     * statement holds a server-side prepared statement (MySQL's max_prepared_stmt_count is server-wide, 16382
     * by default).
     */
    private static final int PREPARED_STATEMENTS_PER_CONNECTION = 32;
    /** Longest SQL cached: a 5000-row upsert (the largest rows-per-statement) of the widest table fits. */
    private static final int PREPARED_STATEMENT_MAX_SQL = 256 * 1024;

    private final List<HikariDataSource> pools;
    private final ShardRouter router;
    private final ExecutorService writers;
    private final Duration storeRetry;

    public ShardPools(MysqlSettings settings) {
        this(settings, DEFAULT_CONNECTION_TIMEOUT);
    }

    public ShardPools(MysqlSettings settings, Duration connectionTimeout) {
        List<HikariDataSource> built = new ArrayList<>();
        try {
            for (int shard = 0; shard < settings.shards().size(); shard++) {
                built.add(new HikariDataSource(poolConfig(settings, shard, connectionTimeout)));
            }
        } catch (RuntimeException e) {
            built.forEach(HikariDataSource::close);
            throw new GridchatException("cannot build the pool of shard " + built.size() + " ("
                    + settings.shards().get(built.size()) + "): " + e.getMessage(), e);
        }
        this.pools = List.copyOf(built);
        this.router = new ShardRouter(pools.size());
        this.storeRetry = Duration.ofSeconds(settings.storeRetrySeconds());
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(pools.size(), task -> {
            Thread thread = new Thread(task, "shard-writer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** How long a write keeps retrying a shard it cannot reach before it fails. */
    Duration storeRetry() {
        return storeRetry;
    }

    /** Threads that write the shards of one batch side by side: one per shard. */
    ExecutorService writers() {
        return writers;
    }

    private static HikariConfig poolConfig(MysqlSettings settings, int shard, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gridchat-shard-" + shard);
        config.setJdbcUrl(settings.shards().get(shard));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(connectionTimeout.toMillis());
        // -1: start without a connection; the first use reports a shard that is down, with its map and shard.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        config.addDataSourceProperty("connectTimeout", String.valueOf(connectionTimeout.toMillis()));
        // A dead peer must not hang a write-behind thread for the hours TCP keep-alive takes.
        config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toMillis()));
        // Server-side prepared statements, cached per connection: a multi-row upsert's parameters travel in the
        // binary protocol (no escaping on the client, no parsing of the values' text on the server), and the
        // statement of a given row count is prepared once per connection. Measured on the write-behind drain
        // (benchmarks/RESULTS.md, "Database baseline"): roughly half the database and writer CPU per row.
        config.addDataSourceProperty("useServerPrepStmts", "true");
        config.addDataSourceProperty("cachePrepStmts", "true");
        config.addDataSourceProperty("prepStmtCacheSize", String.valueOf(PREPARED_STATEMENTS_PER_CONNECTION));
        config.addDataSourceProperty("prepStmtCacheSqlLimit", String.valueOf(PREPARED_STATEMENT_MAX_SQL));
        return config;
    }

    /** The pool of shard {@code shard}, in {@code [0, shardCount)}. */
    public DataSource shard(int shard) {
        if (shard < 0 || shard >= pools.size()) {
            throw new IllegalArgumentException("no shard " + shard + " among " + pools.size());
        }
        return pools.get(shard);
    }

    public int shardCount() {
        return pools.size();
    }

    public ShardRouter router() {
        return router;
    }

    /**
     * Creates the missing tables of {@code schema.sql} on every shard; idempotent, so every member runs it at
     * start. A shard that cannot be reached (down, or too busy to hand out a connection) is retried with
     * back-off for {@code mysql.storeRetrySeconds}, as the write-behind does; fails naming the shard after that,
     * or at once when a shard refuses the schema.
     */
    public void migrate() {
        List<String> statements = Schema.statements();
        for (int shard = 0; shard < pools.size(); shard++) {
            long deadline = System.nanoTime() + storeRetry().toNanos();
            long backoffMillis = ShardBatches.FIRST_BACKOFF_MILLIS;
            while (true) {
                try {
                    applySchema(shard, statements);
                    break;
                } catch (ShardUnavailableException e) {
                    if (System.nanoTime() + backoffMillis * 1_000_000 > deadline
                            || !ShardBatches.pause(backoffMillis)) {
                        throw e;
                    }
                    LOG.warn("shard {} unreachable while applying the schema; retried after {} ms: {}", shard,
                            backoffMillis, e.getMessage());
                    backoffMillis = Math.min(backoffMillis * 2, ShardBatches.MAX_BACKOFF_MILLIS);
                }
            }
        }
    }

    private void applySchema(int shard, List<String> statements) {
        try (Connection connection = pools.get(shard).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw MapStoreException.wrap(null, shard, "apply the schema", e);
        }
    }

    /** The pools a member put into its user context; fails naming the map when they are missing. */
    public static ShardPools fromUserContext(HazelcastInstance instance, String mapName) {
        Object pools = instance.getUserContext().get(USER_CONTEXT_KEY);
        if (pools instanceof ShardPools shardPools) {
            return shardPools;
        }
        throw new GridchatException("map '" + mapName + "': no ShardPools in the user context under '"
                + USER_CONTEXT_KEY + "' (found " + pools + "); the member must set it before it starts");
    }

    @Override
    public void close() {
        writers.shutdown();
        pools.forEach(HikariDataSource::close);
    }
}
