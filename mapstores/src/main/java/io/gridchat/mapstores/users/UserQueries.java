package io.gridchat.mapstores.users;

import io.gridchat.mapstores.TableQueries;
import java.util.List;

/** SQL of the {@code users} table (see schema.sql); the statements come from {@link TableQueries}. */
final class UserQueries {
    static final TableQueries USERS = new TableQueries("users", List.of("user_id"),
            List.of("username", "display_name", "password_hash", "created_at"));

    private UserQueries() {
    }
}
