package io.gridchat.mapstores;

import io.gridchat.model.GridchatException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * A statement on a shard failed in a way that trying again will not fix (bad data, a schema that does not
 * match). Names the map and the shard and keeps the {@link SQLException}. Failures that a retry may fix are
 * {@link ShardUnavailableException}s; {@link #wrap} picks the right one. Immutable.
 */
public class MapStoreException extends GridchatException {
    private final String mapName;
    private final int shard;

    public MapStoreException(String mapName, int shard, String message, Throwable cause) {
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

    /**
     * Wraps a failure of {@code action} on {@code shard}: a {@link ShardUnavailableException} when the shard is
     * down, busy, timed out or rolled the transaction back (deadlock), else a {@link MapStoreException}.
     *
     * @param mapName the map, or null for work of no map
     */
    public static GridchatException wrap(String mapName, int shard, String action, SQLException cause) {
        String subject = mapName == null ? "shard " + shard : "map '" + mapName + "', shard " + shard;
        String message = subject + ": cannot " + action + ": " + cause.getMessage();
        if (isTransient(cause)) {
            return new ShardUnavailableException(mapName, shard, message, cause);
        }
        return new MapStoreException(mapName, shard, message, cause);
    }

    static boolean isTransient(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }
}
