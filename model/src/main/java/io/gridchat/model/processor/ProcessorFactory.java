package io.gridchat.model.processor;

import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/** Creates gridchat's entry processors and tasks by class id when members deserialize them. */
public final class ProcessorFactory implements DataSerializableFactory {
    public static final int FACTORY_ID = 7001;

    static final int APPEND_MESSAGE = 1;
    static final int SET_ROOM_LOG = 2;
    static final int JOIN_ROOM = 3;
    static final int LEAVE_ROOM = 4;
    static final int CREATE_ROOM = 5;
    static final int ADD_CONNECTION = 6;
    static final int REMOVE_CONNECTION = 7;
    static final int READ_MESSAGES = 8;
    static final int DROP_EDGE = 9;
    static final int PUT_BACKUP = 10;
    static final int CLAIM_USERNAME = 11;
    static final int MARK_OFFLINE = 12;
    static final int CLEAR_OFFLINE = 13;
    static final int FAN_OUT_ROOM_EVENT = 14;
    static final int SET_WITH_TTL = 15;
    static final int TOUCH_PRESENCE = 16;
    static final int LEAVE_PRESENCE = 17;
    static final int EXPIRE_PRESENCE = 18;
    static final int MARK_RECEIPT = 19;
    static final int SEND_RECEIPTS = 20;
    static final int OPEN_DIRECT_ROOM = 21;
    static final int CHANGE_FRIEND = 22;
    static final int TAKE_PERMIT = 23;
    static final int RETURN_PERMIT = 24;
    static final int RELEASE_SEAT = 25;
    static final int DROP_EDGE_SEATS = 26;
    static final int FREE_AWAY_SEATS = 27;
    static final int ACTIVE_ROOMS_QUERY = 28;
    static final int INVITE_MEMBER = 29;
    static final int REMOVE_MEMBER = 30;
    static final int LIFT_BAN = 31;
    static final int SET_ROLE = 32;
    static final int UPDATE_ROOM = 33;
    static final int CHANGE_TIMER = 34;
    static final int ORDERED_BACKUP = 35;
    static final int CLOSE_EMPTY_ROOM = 36;
    static final int VIEW_ROOM = 37;
    static final int MIRROR_SEATS = 38;

    @Override
    public IdentifiedDataSerializable create(int typeId) {
        return switch (typeId) {
            case APPEND_MESSAGE -> new AppendMessage();
            case SET_ROOM_LOG -> new SetRoomLog();
            case JOIN_ROOM -> new JoinRoom();
            case LEAVE_ROOM -> new LeaveRoom();
            case CREATE_ROOM -> new CreateRoom();
            case ADD_CONNECTION -> new AddConnection();
            case REMOVE_CONNECTION -> new RemoveConnection();
            case READ_MESSAGES -> new ReadMessages();
            case DROP_EDGE -> new DropEdge();
            case PUT_BACKUP -> new PutBackup<>();
            case CLAIM_USERNAME -> new ClaimUsername();
            case MARK_OFFLINE -> new MarkOffline();
            case CLEAR_OFFLINE -> new ClearOffline();
            case FAN_OUT_ROOM_EVENT -> new FanOutRoomEvent();
            case SET_WITH_TTL -> new SetWithTtl<>();
            case TOUCH_PRESENCE -> new TouchPresence();
            case LEAVE_PRESENCE -> new LeavePresence();
            case EXPIRE_PRESENCE -> new ExpirePresence();
            case MARK_RECEIPT -> new MarkReceipt();
            case SEND_RECEIPTS -> new SendReceipts();
            case OPEN_DIRECT_ROOM -> new OpenDirectRoom();
            case CHANGE_FRIEND -> new ChangeFriend();
            case TAKE_PERMIT -> new TakePermit();
            case RETURN_PERMIT -> new ReturnPermit();
            case RELEASE_SEAT -> new ReleaseSeat();
            case DROP_EDGE_SEATS -> new DropEdgeSeats();
            case FREE_AWAY_SEATS -> new FreeAwaySeats();
            case ACTIVE_ROOMS_QUERY -> new ActiveRoomsQuery();
            case INVITE_MEMBER -> new InviteMember();
            case REMOVE_MEMBER -> new RemoveMember();
            case LIFT_BAN -> new LiftBan();
            case SET_ROLE -> new SetRole();
            case UPDATE_ROOM -> new UpdateRoom();
            case CHANGE_TIMER -> new ChangeTimer();
            case ORDERED_BACKUP -> new OrderedBackup<>();
            case CLOSE_EMPTY_ROOM -> new CloseEmptyRoom();
            case VIEW_ROOM -> new ViewRoom();
            case MIRROR_SEATS -> new MirrorSeats();
            default -> null;
        };
    }
}
