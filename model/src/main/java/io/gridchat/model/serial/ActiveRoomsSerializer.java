package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ActiveRooms;
import java.util.Arrays;

final class ActiveRoomsSerializer implements CompactSerializer<ActiveRooms> {
    @Override
    public ActiveRooms read(CompactReader in) {
        return new ActiveRooms(Arrays.asList(in.readArrayOfCompact("rooms", ActiveRoom.class)));
    }

    @Override
    public void write(CompactWriter out, ActiveRooms rooms) {
        out.writeArrayOfCompact("rooms", rooms.rooms().toArray(ActiveRoom[]::new));
    }

    @Override
    public String getTypeName() {
        return "gridchat.ActiveRooms";
    }

    @Override
    public Class<ActiveRooms> getCompactClass() {
        return ActiveRooms.class;
    }
}
