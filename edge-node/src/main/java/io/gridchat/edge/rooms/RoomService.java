package io.gridchat.edge.rooms;

import io.gridchat.config.LimitSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Ids;
import io.gridchat.edge.Json;
import io.gridchat.edge.messages.MessageService;
import io.gridchat.model.DirectRooms;
import io.gridchat.model.JoinResult;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomView;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.LeaveRoom;
import io.gridchat.model.processor.OpenDirectRoom;
import io.gridchat.model.processor.ReleaseSeat;
import io.gridchat.model.processor.ViewRoom;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room operations as grid calls: each is one entry processor on the room's partition. Validates input and
 * maps outcomes to protocol errors; decides nothing itself. Thread-safe.
 */
public final class RoomService {
    private static final Logger LOG = LoggerFactory.getLogger(RoomService.class);
    private static final String DIRECT_ROOM_NAME = "direct";

    private final Grid grid;
    private final String edgeId;
    private final LimitSettings limits;

    public RoomService(Grid grid, String edgeId, LimitSettings limits) {
        this.grid = grid;
        this.edgeId = edgeId;
        this.limits = limits;
    }

    public CompletionStage<RoomView> create(String ownerId, String name, String kindName, String topic,
                                            Integer capacity) {
        RoomKind kind = RoomKind.fromWire(kindName);
        if (kind != RoomKind.STUDY && kind != RoomKind.GROUP) {
            throw ClientError.badRequest("kind must be \"study\" or \"group\"");
        }
        if (name == null || name.isBlank() || name.length() > limits.maxRoomNameLength()) {
            throw ClientError.badRequest("name must be 1 to " + limits.maxRoomNameLength() + " characters");
        }
        String shownTopic = topic == null ? "" : topic.strip();
        if (shownTopic.length() > limits.maxTopicLength()) {
            throw ClientError.badRequest("topic is longer than " + limits.maxTopicLength() + " characters");
        }
        int roomCapacity = capacityOf(kind, capacity);
        Room room = new Room(Ids.newId('r'), name.strip(), kind, shownTopic, roomCapacity, ownerId,
                System.currentTimeMillis());
        return grid.rooms().submitToKey(room.roomId(), new CreateRoom(room)).thenApply(created -> {
            if (!Boolean.TRUE.equals(created)) {
                throw new ClientError(ErrorCode.CONFLICT, "room id taken, try again");
            }
            return new RoomView(room, 1);
        });
    }

    /** The one dm room of the two users, created on first call; both are members from the start. */
    public CompletionStage<RoomView> openDirect(String userId, String otherUserId) {
        if (!Ids.isValid(otherUserId)) {
            throw ClientError.badRequest("userId must be an id of 1 to 64 of A-Z a-z 0-9 _ -");
        }
        if (otherUserId.equals(userId)) {
            throw ClientError.badRequest("a direct room needs two different users");
        }
        return grid.users().getAsync(otherUserId).thenCompose(other -> {
            if (other == null) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such user");
            }
            Room room = new Room(DirectRooms.idOf(userId, otherUserId), DIRECT_ROOM_NAME, RoomKind.DM, "", 2, userId,
                    System.currentTimeMillis());
            return grid.rooms().submitToKey(room.roomId(), new OpenDirectRoom(room, otherUserId));
        }).thenApply(room -> new RoomView(room, 2));
    }

    private int capacityOf(RoomKind kind, Integer capacity) {
        if (capacity == null) {
            return kind == RoomKind.STUDY ? limits.defaultCapacity() : 0;
        }
        if (capacity < 2 || capacity > limits.maxCapacity()) {
            throw ClientError.badRequest("capacity must be 2 to " + limits.maxCapacity());
        }
        return capacity;
    }

    /**
     * A room as {@code userId} may see it: a dm only by its two members (to anyone else it does not exist); a
     * study room with its timer, if one was ever started.
     */
    public CompletionStage<RoomView> get(String userId, String roomId) {
        requireRoomId(roomId);
        return grid.rooms().submitToKey(roomId, new ViewRoom(userId)).thenApply(view -> {
            if (view == null) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such room");
            }
            return view;
        });
    }

    /**
     * Joins on a connection, which takes a seat in the room until it leaves or closes ({@link #release}); the
     * result carries the room's latest {@link MessageService#DEFAULT_PAGE} messages. The others get a
     * {@code joined} event (from the grid).
     */
    public CompletionStage<JoinResult> join(String userId, String roomId, String connectionId) {
        requireRoomId(roomId);
        JoinRoom join = new JoinRoom(userId, edgeId, connectionId, MessageService.DEFAULT_PAGE);
        return grid.rooms().submitToKey(roomId, join).thenApply(result -> {
            switch (result.outcome()) {
                case NO_SUCH_ROOM -> throw new ClientError(ErrorCode.NOT_FOUND, "no such room");
                case ROOM_FULL -> throw new ClientError(ErrorCode.ROOM_FULL, "room is full");
                case FORBIDDEN -> throw new ClientError(ErrorCode.FORBIDDEN, "you cannot join this room");
                case BANNED -> throw new ClientError(ErrorCode.FORBIDDEN, "you are banned from this room");
                default -> {
                }
            }
            return result;
        });
    }

    /** True when the user was a member; the members who remain then get a {@code left} event (from the grid). */
    public CompletionStage<Boolean> leave(String userId, String roomId) {
        requireRoomId(roomId);
        return grid.rooms().submitToKey(roomId, new LeaveRoom(userId));
    }

    /** The connection closed: its seat goes (in a study room the place is kept for the grace period). */
    public void release(String connectionId, String roomId) {
        grid.rooms().submitToKey(roomId, new ReleaseSeat(connectionId)).whenComplete((changed, failure) -> {
            if (failure != null) {
                LOG.warn("could not release the seat of connection {} in room {}: {}", connectionId, roomId,
                        failure.toString());
            }
        });
    }

    public static void requireRoomId(String roomId) {
        if (!Ids.isValid(roomId)) {
            throw ClientError.badRequest("room must be an id of 1 to 64 of A-Z a-z 0-9 _ -");
        }
    }

}
