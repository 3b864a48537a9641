package io.gridchat.mapstores.rooms;

import io.gridchat.mapstores.BoundSql;
import io.gridchat.mapstores.TableQueries;
import java.util.ArrayList;
import java.util.List;

/** SQL of the {@code memberships} table (see schema.sql): the map's statements and the rosters' query. */
final class MembershipQueries {
    static final TableQueries MEMBERSHIPS = new TableQueries("memberships", List.of("room_id", "user_id"),
            List.of("role", "joined_at"));

    private MembershipQueries() {
    }

    /** Member user ids of the rooms, per room in join order (ties by user id); rooms without members give no row. */
    static BoundSql rosters(List<String> roomIds) {
        return new BoundSql("SELECT room_id, user_id FROM memberships WHERE room_id IN ("
                + TableQueries.placeholders(roomIds.size()) + ") ORDER BY room_id, joined_at, user_id",
                new ArrayList<>(roomIds));
    }
}
