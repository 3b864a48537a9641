package io.gridchat.mapstores;

import io.gridchat.model.RetriableException;

/**
 * A shard could not be reached, timed out or rolled back: the same call may pass later. Hazelcast's
 * write-behind queue retries the entries; a read fails the caller's {@code get}. Immutable.
 */
public final class ShardUnavailableException extends RetriableException {
    private final String mapName;
    private final int shard;

    public ShardUnavailableException(String mapName, int shard, String message, Throwable cause) {
        super(message, cause);
        this.mapName = mapName;
        this.shard = shard;
    }

    /** The map whose store failed, or null for work of no map (the schema). */
    public String mapName() {
        return mapName;
    }

    public int shard() {
        return shard;
    }
}
