package io.gridchat.edge.rooms;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.MultiExecutionCallback;
import io.gridchat.config.RoomSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.Grid;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ActiveRooms;
import io.gridchat.model.processor.ActiveRoomsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/v1/rooms?active=true}: the members' rankings of their own rooms, merged. Thread-safe. */
public final class ActiveRoomList {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRoomList.class);
    private static final int DEFAULT_ACTIVE_LIMIT = 50;

    private final Grid grid;
    private final RoomSettings settings;

    public ActiveRoomList(Grid grid, RoomSettings settings) {
        this.grid = grid;
        this.settings = settings;
    }

    /**
     * The most active study and group rooms, most active first: every member answers from the ranking it keeps
     * of its own rooms, and the answers are merged here.
     */
    public CompletionStage<List<ActiveRoom>> top(Integer limit) {
        int count = limit == null ? Math.min(DEFAULT_ACTIVE_LIMIT, settings.activeLimit()) : limit;
        if (count < 1 || count > settings.activeLimit()) {
            throw ClientError.badRequest("limit must be 1 to " + settings.activeLimit());
        }
        CompletableFuture<List<ActiveRoom>> merged = new CompletableFuture<>();
        grid.roomExecutor().submitToAllMembers(new ActiveRoomsQuery(count), new MultiExecutionCallback() {
            @Override
            public void onResponse(Member member, Object value) {
                // all answers are merged in onComplete
            }

            @Override
            public void onComplete(Map<Member, Object> values) {
                List<ActiveRoom> rooms = new ArrayList<>();
                values.forEach((member, value) -> {
                    if (value instanceof ActiveRooms answer) {
                        rooms.addAll(answer.rooms());
                    } else {
                        LOG.warn("member {} did not answer the active-rooms query: {}", member, value);
                    }
                });
                rooms.sort(ActiveRoom.MOST_ACTIVE_FIRST);
                merged.complete(List.copyOf(rooms.subList(0, Math.min(count, rooms.size()))));
            }
        });
        return merged;
    }
}
