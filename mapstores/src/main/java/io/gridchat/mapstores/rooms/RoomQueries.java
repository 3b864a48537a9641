package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.TableQueries;
import java.util.List;

/** SQL of the {@code rooms} table (see schema.sql); the statements come from {@link TableQueries}. */
final class RoomQueries {
    static final TableQueries ROOMS = new TableQueries("rooms", List.of("room_id"),
            List.of("name", "kind", "topic", "capacity", "owner_id", "created_at"));

    private RoomQueries() {
    }
}
