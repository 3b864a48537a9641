package io.gridchat.model.serial;

import com.hazelcast.config.SerializationConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ActiveRooms;
import io.gridchat.model.Ban;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.Connection;
import io.gridchat.model.DedupeKey;
import io.gridchat.model.EdgeDelivery;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.FriendList;
import io.gridchat.model.FriendRequest;
import io.gridchat.model.JoinOutcome;
import io.gridchat.model.JoinResult;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MemberKey;
import io.gridchat.model.Membership;
import io.gridchat.model.MessageKey;
import io.gridchat.model.MessagePage;
import io.gridchat.model.MessageRef;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.RateVerdict;
import io.gridchat.model.RateWindow;
import io.gridchat.model.ReadOutcome;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.ReadResult;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.RoomView;
import io.gridchat.model.Roster;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.User;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.ProcessorFactory;
import java.util.List;

/** Registers every gridchat serializer; members and clients call the same method so both sides agree. */
public final class ModelSerialization {
    private ModelSerialization() {
    }

    static List<CompactSerializer<?>> serializers() {
        return List.of(new UserSerializer(), new RoomSerializer(), new RoomLogSerializer(), new MemberKeySerializer(),
                new MembershipSerializer(), new RosterSerializer(), new MessageKeySerializer(),
                new ChatMessageSerializer(), new DedupeKeySerializer(), new MessageRefSerializer(),
                new ConnectionSerializer(), new UserSessionsSerializer(), new EdgeDeliverySerializer(),
                new MessagePageSerializer(), new SendResultSerializer(), new JoinResultSerializer(),
                new OfflineMarksSerializer(), new EdgeEventSerializer(), new PresenceSerializer(),
                new PresenceChangeSerializer(), new ReadPositionSerializer(), new ReadResultSerializer(),
                new FriendRequestSerializer(), new FriendListSerializer(), new RateWindowSerializer(),
                new RateVerdictSerializer(), new LiveRoomSerializer(), new ActiveRoomSerializer(),
                new ActiveRoomsSerializer(), new BanSerializer(), new RoomTimerSerializer(),
                new RoomChangeSerializer(), new RoomViewSerializer());
    }

    public static SerializationConfig register(SerializationConfig config) {
        serializers().forEach(serializer -> config.getCompactSerializationConfig().addSerializer(serializer));
        config.addDataSerializableFactory(ProcessorFactory.FACTORY_ID, new ProcessorFactory());
        return config;
    }

    /**
     * One instance of every Compact type. A client that serializes these at start knows every schema, so it
     * never has to fetch one while deserializing a response, which would block the client's IO thread
     * (completion callbacks can run there) on a reply that only that thread could read.
     */
    public static List<Object> samples() {
        ChatMessage message = new ChatMessage("r", 1, "r-1", "u", "t", 1, "c");
        MessageRef ref = new MessageRef("r-1", 1, 1);
        Connection connection = new Connection("e", "c", 1);
        RoomTimer timer = RoomTimer.started("r", 1, "u", 1);
        ActiveRoom activeRoom = new ActiveRoom(new Room("r", "n", RoomKind.STUDY, "t", 2, "u", 1), 1, 1);
        return List.of(new User("u", "n", "d", "h", 1), new Room("r", "n", RoomKind.GROUP, "t", 2, "u", 1),
                new RoomLog(1, 1, 0), new MemberKey("r", "u"), new Membership("r", "u", Role.MEMBER, 1),
                new Roster("r", List.of("u")), new MessageKey("r", 1), message, new DedupeKey("r", "u", "c"), ref,
                connection, new UserSessions("u", List.of(connection)), new EdgeDelivery("e", message, List.of("u")),
                new MessagePage(ReadOutcome.OK, List.of(message), 1, false), new SendResult(SendOutcome.ACCEPTED, ref),
                new JoinResult(JoinOutcome.JOINED, List.of("u"), 1, List.of(message), 1),
                new OfflineMarks("u", List.of(new OfflineMark("r", 1, 2))), new EdgeEvent("e", "r", "{}", List.of("u")),
                new Presence("u", PresenceStatus.ONLINE, 1, 1),
                new PresenceChange("u", PresenceStatus.OFFLINE, PresenceStatus.ONLINE, 1),
                new ReadPosition("r", "u", 1, 1, 1), new ReadResult(true, 0, 1),
                new FriendRequest("f", "u", "v", 1), new FriendList("u", List.of("v")), new RateWindow(1, 2, 3),
                new RateVerdict(false, 1, 2, 0),
                new LiveRoom("r", List.of(new LiveRoom.Seat("u", "e", "c")), List.of(new LiveRoom.Away("v", 1))),
                activeRoom, new ActiveRooms(List.of(activeRoom)), new Ban("r", "u", "v", 1), timer,
                new RoomChange(RoomChangeOutcome.DONE, activeRoom.room(), timer),
                new RoomView(activeRoom.room(), 1, timer));
    }

    /** Teaches a client (or member) every schema up front; see {@link #samples()}. */
    public static void learnSchemas(HazelcastInstance instance) {
        if (!(instance instanceof SerializationServiceSupport support)) {
            throw new IllegalArgumentException("instance does not expose its serialization service");
        }
        samples().forEach(sample -> support.getSerializationService().toData(sample));
    }
}
