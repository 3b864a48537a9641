package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;

/** The live seats of one room. Like {@link RoomMembers}, only used by processors on the room's partition. */
final class RoomSeats {
    private final String roomId;
    private final IMap<String, LiveRoom> live;
    private final HazelcastInstance instance;

    RoomSeats(HazelcastInstance instance, String roomId) {
        this.roomId = roomId;
        this.instance = instance;
        this.live = GridContext.map(instance, MapNames.ROOM_LIVE);
    }

    LiveRoom get() {
        LiveRoom room = PartitionReads.get(instance, MapNames.ROOM_LIVE, roomId);
        return room == null ? LiveRoom.empty(roomId) : room;
    }

    void put(LiveRoom before, LiveRoom after) {
        if (after.equals(before)) {
            return;
        }
        if (after.isEmpty()) {
            live.delete(roomId);
        } else {
            live.set(roomId, after);
        }
        GridContext.seated(instance, roomId, after);
    }
}
