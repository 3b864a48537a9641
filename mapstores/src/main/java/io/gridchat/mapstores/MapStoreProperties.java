package io.gridchat.mapstores;

import io.gridchat.model.GridchatException;
import java.util.Properties;

/**
 * The map-store properties of one map (the {@code properties} of its map-store config), read once in
 * {@code init}. Immutable.
 *
 * @param rowsPerStatement most rows one INSERT or DELETE carries; key {@code rows-per-statement},
 *                         default 500, 1 to 5000 (a shard's whole batch is still one transaction)
 * @param preload          key {@code preload}, default false: the map loads every row when the cluster starts and
 *                         then holds all of them, so once the member is ready a key it does not hold has no row
 *                         and is answered without asking the database (see {@link ShardedMapLoader#load})
 */
public record MapStoreProperties(int rowsPerStatement, boolean preload) {
    public static final String ROWS_PER_STATEMENT = "rows-per-statement";
    public static final String PRELOAD = "preload";
    public static final int DEFAULT_ROWS_PER_STATEMENT = 500;
    private static final int MAX_ROWS_PER_STATEMENT = 5000;

    public MapStoreProperties {
        if (rowsPerStatement < 1 || rowsPerStatement > MAX_ROWS_PER_STATEMENT) {
            throw new IllegalArgumentException(ROWS_PER_STATEMENT + " must be 1 to " + MAX_ROWS_PER_STATEMENT
                    + ", was " + rowsPerStatement);
        }
    }

    /** Reads the properties of map {@code mapName}; a bad value fails naming the map and the key. */
    public static MapStoreProperties from(Properties properties, String mapName) {
        boolean preload = properties != null && Boolean.parseBoolean(properties.getProperty(PRELOAD, "false").strip());
        String value = properties == null ? null : properties.getProperty(ROWS_PER_STATEMENT);
        if (value == null || value.isBlank()) {
            return new MapStoreProperties(DEFAULT_ROWS_PER_STATEMENT, preload);
        }
        try {
            return new MapStoreProperties(Integer.parseInt(value.strip()), preload);
        } catch (IllegalArgumentException e) {
            throw new GridchatException("map '" + mapName + "': bad map-store property " + ROWS_PER_STATEMENT
                    + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
