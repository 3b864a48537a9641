package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.TableQueries;
import java.util.List;

/** SQL of the {@code rooms}, {@code room_bans} and {@code room_timers} tables (see schema.sql). */
final class RoomQueries {
    static final TableQueries ROOMS = new TableQueries("rooms", List.of("room_id"),
            List.of("name", "kind", "topic", "capacity", "owner_id", "created_at"));

    static final TableQueries BANS = new TableQueries("room_bans", List.of("room_id", "user_id"),
            List.of("banned_by", "banned_at"));
    static final TableQueries TIMERS = new TableQueries("room_timers", List.of("room_id"),
            List.of("state", "duration_ms", "ends_at", "remaining_ms", "changed_by", "changed_at"));

    private RoomQueries() {
    }
}
