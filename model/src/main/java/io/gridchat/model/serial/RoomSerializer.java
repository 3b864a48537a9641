package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;

final class RoomSerializer implements CompactSerializer<Room> {
    @Override
    public Room read(CompactReader in) {
        return new Room(in.readString("roomId"), in.readString("name"), RoomKind.valueOf(in.readString("kind")),
                in.readString("topic"), in.readInt32("capacity"), in.readString("ownerId"),
                in.readInt64("createdAt"));
    }

    @Override
    public void write(CompactWriter out, Room room) {
        out.writeString("roomId", room.roomId());
        out.writeString("name", room.name());
        out.writeString("kind", room.kind().name());
        out.writeString("topic", room.topic());
        out.writeInt32("capacity", room.capacity());
        out.writeString("ownerId", room.ownerId());
        out.writeInt64("createdAt", room.createdAt());
    }

    @Override
    public String getTypeName() {
        return "gridchat.Room";
    }

    @Override
    public Class<Room> getCompactClass() {
        return Room.class;
    }
}
