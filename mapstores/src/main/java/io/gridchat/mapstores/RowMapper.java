package io.gridchat.mapstores;

import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;

/**
 * How the entries of one map are rows of one table. Implementations are stateless and thread-safe.
 *
 * @param <K> map key
 * @param <V> map value
 */
public interface RowMapper<K, V> {
    /** The table, its key columns and its value columns. */
    TableQueries table();

    /** The string the entry's shard is chosen by (room id, user id, lower-cased username). */
    String routingKey(K key);

    /** The key's column values, in the order of {@code table().keyColumns()}. */
    Object[] keyColumns(K key);

    /** The value's column values, in the order of {@code table().valueColumns()}; null stands for NULL. */
    Object[] valueColumns(V value);

    /** The key of the current row of a {@code SELECT} of {@link TableQueries#select}. */
    K readKey(ResultSet row) throws SQLException;

    /** The value of the current row of a {@code SELECT} of {@link TableQueries#select}. */
    V readValue(ResultSet row) throws SQLException;

    /** An enum stored by {@code name()}: null for NULL. */
    static String enumName(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Reads an enum stored by {@code name()}: null for NULL; a name the enum lacks is bad data. */
    static <E extends Enum<E>> E enumColumn(ResultSet row, String column, Class<E> type) throws SQLException {
        String name = row.getString(column);
        if (name == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("column " + column + " holds '" + name + "', not a " + type.getSimpleName(), e);
        }
    }
}
