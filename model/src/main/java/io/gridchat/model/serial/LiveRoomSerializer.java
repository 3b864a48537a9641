package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.LiveRoom.Away;
import io.gridchat.model.LiveRoom.Seat;
import java.util.ArrayList;
import java.util.List;

/** Seats and away users as parallel arrays: one schema, no nested Compact objects per seat. */
final class LiveRoomSerializer implements CompactSerializer<LiveRoom> {
    @Override
    public LiveRoom read(CompactReader in) {
        String[] seatUsers = in.readArrayOfString("seatUsers");
        String[] seatEdges = in.readArrayOfString("seatEdges");
        String[] seatConnections = in.readArrayOfString("seatConnections");
        List<Seat> seats = new ArrayList<>(seatUsers.length);
        for (int i = 0; i < seatUsers.length; i++) {
            seats.add(new Seat(seatUsers[i], seatEdges[i], seatConnections[i]));
        }
        String[] awayUsers = in.readArrayOfString("awayUsers");
        long[] awaySince = in.readArrayOfInt64("awaySince");
        List<Away> away = new ArrayList<>(awayUsers.length);
        for (int i = 0; i < awayUsers.length; i++) {
            away.add(new Away(awayUsers[i], awaySince[i]));
        }
        return new LiveRoom(in.readString("roomId"), seats, away);
    }

    @Override
    public void write(CompactWriter out, LiveRoom room) {
        out.writeString("roomId", room.roomId());
        out.writeArrayOfString("seatUsers", room.seats().stream().map(Seat::userId).toArray(String[]::new));
        out.writeArrayOfString("seatEdges", room.seats().stream().map(Seat::edgeId).toArray(String[]::new));
        out.writeArrayOfString("seatConnections",
                room.seats().stream().map(Seat::connectionId).toArray(String[]::new));
        out.writeArrayOfString("awayUsers", room.away().stream().map(Away::userId).toArray(String[]::new));
        out.writeArrayOfInt64("awaySince", room.away().stream().mapToLong(Away::since).toArray());
    }

    @Override
    public String getTypeName() {
        return "gridchat.LiveRoom";
    }

    @Override
    public Class<LiveRoom> getCompactClass() {
        return LiveRoom.class;
    }
}
