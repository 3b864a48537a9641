package io.gridchat.mapstores;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parameterised statement and its parameters; values travel only as parameters, never in the SQL text.
 * Immutable; null parameters stand for SQL NULL.
 */
public record BoundSql(String sql, List<Object> parameters) {
    public BoundSql {
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /** Prepares the statement on {@code connection} and binds every parameter; the caller closes it. */
    public PreparedStatement prepare(Connection connection) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, parameters.get(i));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Binds one parameter (1-based {@code index}); null is SQL NULL. */
    public static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            // MySQL's NULL has no type; VARCHAR is accepted for a column of any type.
            statement.setNull(index, Types.VARCHAR);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else {
            statement.setObject(index, value);
        }
    }
}
