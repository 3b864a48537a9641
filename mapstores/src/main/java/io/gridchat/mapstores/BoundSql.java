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
                Object value = parameters.get(i);
                if (value == null) {
                    // MySQL's NULL has no type; VARCHAR is accepted for a column of any type.
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
