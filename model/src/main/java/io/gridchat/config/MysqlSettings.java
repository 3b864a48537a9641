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
 */
public record MysqlSettings(List<String> shards, String user, String password, int poolSize) {
    public MysqlSettings {
        ConfigException.check(shards != null && !shards.isEmpty(), "mysql.shards", "must list a shard");
        shards = List.copyOf(shards);
        ConfigException.check(user != null && !user.isBlank(), "mysql.user", "must not be empty");
        password = password == null ? "" : password;
        ConfigException.check(poolSize >= 1, "mysql.poolSize", "must be at least 1");
    }

    @Override
    public String toString() {
        return "MysqlSettings[shards=" + shards + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
