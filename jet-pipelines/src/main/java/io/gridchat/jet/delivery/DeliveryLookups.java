package io.gridchat.jet.delivery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.UserSessions;
import java.util.Map;
import java.util.Set;

/**
 * The maps delivery reads per message. The room lookup is local: the journal partition that yielded the
 * message is owned by this member, and the room's entries share that partition. One per processor.
 */
final class DeliveryLookups {
    private final IMap<String, UserSessions> sessions;
    private final IMap<String, Room> rooms;

    DeliveryLookups(HazelcastInstance instance) {
        this.sessions = instance.getMap(MapNames.SESSIONS);
        this.rooms = instance.getMap(MapNames.ROOMS);
    }

    Map<String, UserSessions> sessionsOf(Set<String> userIds) {
        return sessions.getAll(userIds);
    }

    /** Group and dm members get messages sent while they were away; study participants resume instead. */
    boolean queuesOffline(String roomId) {
        Room room = rooms.get(roomId);
        return room != null && room.kind() != RoomKind.STUDY;
    }
}
