package io.gridchat.config;

/**
 * The embedded MariaDB started by scripts/run.sh and the tests.
 *
 * @param mariadbPort port of the embedded server (the shard URLs point at it)
 * @param dataDir     where it keeps its files; a restart keeps every message
 * @param shardCount  how many shard databases it creates: gridchat_0 .. gridchat_{n-1}
 */
public record EmbeddedSettings(int mariadbPort, String dataDir, int shardCount) {
    public EmbeddedSettings {
        ConfigException.check(mariadbPort > 0 && mariadbPort < 65536, "embedded.mariadbPort", "must be a port");
        ConfigException.check(dataDir != null && !dataDir.isBlank(), "embedded.dataDir", "must not be empty");
        ConfigException.check(shardCount >= 1, "embedded.shardCount", "must be at least 1");
    }
}
