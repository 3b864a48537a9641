package io.gridchat.config;

/** A configuration value is missing, malformed or out of range; the message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    static void check(boolean condition, String key, String rule) {
        if (!condition) {
            throw new ConfigException("config key " + key + " " + rule);
        }
    }
}
