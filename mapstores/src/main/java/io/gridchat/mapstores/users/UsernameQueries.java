package io.gridchat.mapstores.users;

import io.gridchat.mapstores.TableQueries;
import java.util.List;

/** SQL of the {@code usernames} table (see schema.sql); the statements come from {@link TableQueries}. */
final class UsernameQueries {
    static final TableQueries USERNAMES = new TableQueries("usernames", List.of("username"), List.of("user_id"));

    private UsernameQueries() {
    }
}
