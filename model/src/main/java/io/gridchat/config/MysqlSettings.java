package io.gridchat.config;

import java.util.List;

/**
 * The sharded MySQL tier. A key's shard is a stable hash of it modulo the number of shards, so the list's
 * order matters and must never change for existing data.
 *
 * @param shards   JDBC URLs, one per shard
 * @param user     database user
 * @param password database password (set it through GRIDCHAT_MYSQL_PASSWORD, not in the file)
 * @param poolSize connections per shard per member
 * @param storeRetrySeconds how long a write-behind batch keeps retrying (with back-off) a shard it cannot reach
 *                          before it gives the batch back to Hazelcast, which retries it later
 */
public record MysqlSettings(List<String> shards, String user, String password, int poolSize, int storeRetrySeconds) {
    /** Default of {@code storeRetrySeconds}. */
    public static final int DEFAULT_STORE_RETRY_SECONDS = 120;

    public MysqlSettings(List<String> shards, String user, String password, int poolSize) {
        this(shards, user, password, poolSize, DEFAULT_STORE_RETRY_SECONDS);
    }

    public MysqlSettings {
        ConfigException.check(shards != null && !shards.isEmpty(), "mysql.shards", "must list a shard");
        shards = List.copyOf(shards);
        ConfigException.check(user != null && !user.isBlank(), "mysql.user", "must not be empty");
        password = password == null ? "" : password;
        ConfigException.check(poolSize >= 1, "mysql.poolSize", "must be at least 1");
        ConfigException.check(storeRetrySeconds >= 0, "mysql.storeRetrySeconds", "must not be negative");
    }

    @Override
    public String toString() {
        return "MysqlSettings[shards=" + shards + ", user=" + user + ", poolSize=" + poolSize + ", storeRetrySeconds="
                + storeRetrySeconds + "]";
    }
}
