package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Roster;
import java.util.Arrays;

final class RosterSerializer implements CompactSerializer<Roster> {
    @Override
    public Roster read(CompactReader in) {
        return new Roster(in.readString("roomId"), Arrays.asList(in.readArrayOfString("userIds")));
    }

    @Override
    public void write(CompactWriter out, Roster roster) {
        out.writeString("roomId", roster.roomId());
        out.writeArrayOfString("userIds", roster.userIds().toArray(String[]::new));
    }

    @Override
    public String getTypeName() {
        return "gridchat.Roster";
    }

    @Override
    public Class<Roster> getCompactClass() {
        return Roster.class;
    }
}
