package io.gridchat.edge.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.config.LimitSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Ids;
import io.gridchat.edge.Json;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomFrames;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.processor.ChangeTimer;
import io.gridchat.model.processor.FanOutRoomEvent;
import io.gridchat.model.processor.InviteMember;
import io.gridchat.model.processor.LiftBan;
import io.gridchat.model.processor.RemoveMember;
import io.gridchat.model.processor.SetRole;
import io.gridchat.model.processor.UpdateRoom;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * Changes members make to a room: invite, kick, ban, lifting a ban, roles, rename and topic, and the study
 * timer. Each is one entry processor on the room's partition that checks the caller's role there; this class
 * validates input, maps refusals to protocol errors and tells the room (every member, the caller's other
 * connections included) what changed. Thread-safe.
 */
public final class RoomModeration {
    static final long MIN_TIMER_MILLIS = 60_000;
    static final long MAX_TIMER_MILLIS = 4 * 3_600_000L;
    static final long DEFAULT_TIMER_MILLIS = 25 * 60_000L;

    private final Grid grid;
    private final LimitSettings limits;

    public RoomModeration(Grid grid, LimitSettings limits) {
        this.grid = grid;
        this.limits = limits;
    }

    /** An owner or moderator makes {@code userId} a member; the room hears {@code joined} with {@code by}. */
    public CompletionStage<Void> invite(String byUserId, String roomId, String userId) {
        requireIds(roomId, userId);
        return grid.users().getAsync(userId).thenCompose(user -> {
            if (user == null) {
                throw new ClientError(ErrorCode.NOT_FOUND, "no such user");
            }
            return grid.rooms().submitToKey(roomId, new InviteMember(byUserId, userId));
        }).thenAccept(change -> {
            check(change, "invite members");
            announce(roomId, RoomFrames.membership("joined", roomId, userId, byUserId, null), null);
        });
    }

    /** Kick ({@code ban} false) or ban; the removed user hears {@code left} too, with the reason. */
    public CompletionStage<Void> remove(String byUserId, String roomId, String userId, boolean ban) {
        requireIds(roomId, userId);
        return grid.users().getAsync(userId).thenCompose(user -> {
            if (user == null) { // bans of made-up ids would fill room-bans
                throw new ClientError(ErrorCode.NOT_FOUND, "no such user");
            }
            return grid.rooms().submitToKey(roomId, new RemoveMember(byUserId, userId, ban));
        }).thenAccept(change -> {
            check(change, ban ? "ban members" : "remove members");
            announce(roomId, RoomFrames.membership("left", roomId, userId, byUserId, ban ? "banned" : "kicked"),
                    userId);
        });
    }

    public CompletionStage<Void> liftBan(String byUserId, String roomId, String userId) {
        requireIds(roomId, userId);
        return grid.rooms().submitToKey(roomId, new LiftBan(byUserId, userId)).thenAccept(change ->
                check(change, "lift bans"));
    }

    /** The owner makes a member a moderator or a member again; the room hears {@code role}. */
    public CompletionStage<Role> setRole(String byUserId, String roomId, String userId, String roleName) {
        requireIds(roomId, userId);
        Role role = roleName == null ? null : switch (roleName) {
            case "moderator" -> Role.MODERATOR;
            case "member" -> Role.MEMBER;
            default -> null;
        };
        if (role == null) {
            throw ClientError.badRequest("role must be \"moderator\" or \"member\"");
        }
        return grid.rooms().submitToKey(roomId, new SetRole(byUserId, userId, role)).thenApply(change -> {
            check(change, "change roles (only the owner may)");
            announce(roomId, Json.object().put("type", "role").put("room", roomId).put("user", userId)
                    .put("role", roleName).put("by", byUserId), null);
            return role;
        });
    }

    /** Rename and/or a new topic; the room hears {@code room} with both. */
    public CompletionStage<Room> update(String byUserId, String roomId, String name, String topic) {
        RoomService.requireRoomId(roomId);
        if (name == null && topic == null) {
            throw ClientError.badRequest("give a name, a topic or both");
        }
        if (name != null && (name.isBlank() || name.length() > limits.maxRoomNameLength())) {
            throw ClientError.badRequest("name must be 1 to " + limits.maxRoomNameLength() + " characters");
        }
        if (topic != null && topic.strip().length() > limits.maxTopicLength()) {
            throw ClientError.badRequest("topic is longer than " + limits.maxTopicLength() + " characters");
        }
        UpdateRoom update = new UpdateRoom(byUserId, name == null ? null : name.strip(),
                topic == null ? null : topic.strip());
        return grid.rooms().submitToKey(roomId, update).thenApply(change -> {
            check(change, "rename the room or change its topic");
            Room room = change.room();
            announce(roomId, Json.object().put("type", "room").put("room", roomId).put("name", room.name())
                    .put("topic", room.topic()).put("by", byUserId), null);
            return room;
        });
    }

    /** Start (with a duration), pause, resume or end a study room's timer; the room hears {@code timer}. */
    public CompletionStage<ObjectNode> timer(String byUserId, String roomId, String actionName, Long durationMs) {
        RoomService.requireRoomId(roomId);
        ChangeTimer.Action action = actionName == null ? null : ChangeTimer.Action.fromWire(actionName);
        if (action == null) {
            throw ClientError.badRequest("action must be \"start\", \"pause\", \"resume\" or \"end\"");
        }
        long duration = durationMs == null ? DEFAULT_TIMER_MILLIS : durationMs;
        if (action == ChangeTimer.Action.START && (duration < MIN_TIMER_MILLIS || duration > MAX_TIMER_MILLIS)) {
            throw ClientError.badRequest("durationMs must be " + MIN_TIMER_MILLIS + " to " + MAX_TIMER_MILLIS);
        }
        return grid.rooms().submitToKey(roomId, new ChangeTimer(byUserId, action, duration)).thenApply(change -> {
            switch (change.outcome()) {
                case WRONG_STATE -> throw new ClientError(ErrorCode.CONFLICT, "the timer cannot "
                        + action.name().toLowerCase(Locale.ROOT) + " now: it is " + stateOf(change.timer()));
                case NOT_ALLOWED -> throw new ClientError(ErrorCode.FORBIDDEN,
                        "only participants of a study room may use its timer");
                default -> check(change, "use the timer");
            }
            ObjectNode timer = Json.timer(change.timer(), System.currentTimeMillis());
            announce(roomId, timer.deepCopy().put("type", "timer"), null);
            return timer;
        });
    }

    private static String stateOf(RoomTimer timer) {
        return timer == null ? "ended" : timer.stateAt(System.currentTimeMillis()).wireName();
    }

    private static void check(RoomChange change, String what) {
        switch (change.outcome()) {
            case DONE -> {
            }
            case NO_SUCH_ROOM -> throw new ClientError(ErrorCode.NOT_FOUND, "no such room");
            case NOT_ALLOWED -> throw new ClientError(ErrorCode.FORBIDDEN, "you may not " + what + " in this room");
            case NOT_A_MEMBER -> throw new ClientError(ErrorCode.NOT_FOUND,
                    "that user is not a member (or, to lift a ban, not banned)");
            case ALREADY_MEMBER -> throw new ClientError(ErrorCode.CONFLICT, "that user is a member already");
            case BANNED -> throw new ClientError(ErrorCode.CONFLICT, "that user is banned; lift the ban first");
            case ROOM_FULL -> throw new ClientError(ErrorCode.ROOM_FULL, "room is full");
            case WRONG_STATE -> throw new ClientError(ErrorCode.CONFLICT, "not possible in the current state");
        }
    }

    /** Best effort, like every unstored room event. */
    private void announce(String roomId, ObjectNode frame, String alsoTo) {
        announce(roomId, Json.write(frame), alsoTo);
    }

    private void announce(String roomId, String frame, String alsoTo) {
        grid.roomExecutor().submitToKeyOwner(FanOutRoomEvent.toRoom(roomId, frame, alsoTo), roomId);
    }

    private static void requireIds(String roomId, String userId) {
        RoomService.requireRoomId(roomId);
        if (!Ids.isValid(userId)) {
            throw ClientError.badRequest("userId must be an id of 1 to 64 of A-Z a-z 0-9 _ -");
        }
    }
}
