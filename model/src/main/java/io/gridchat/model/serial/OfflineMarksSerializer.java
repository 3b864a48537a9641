package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import java.util.ArrayList;
import java.util.List;

/** Flattened into parallel arrays: a user's marks are read and written together. */
final class OfflineMarksSerializer implements CompactSerializer<OfflineMarks> {
    @Override
    public OfflineMarks read(CompactReader in) {
        String[] rooms = in.readArrayOfString("rooms");
        long[] from = in.readArrayOfInt64("fromSeqs");
        long[] last = in.readArrayOfInt64("lastSeqs");
        List<OfflineMark> marks = new ArrayList<>(rooms.length);
        for (int i = 0; i < rooms.length; i++) {
            marks.add(new OfflineMark(rooms[i], from[i], last[i]));
        }
        return new OfflineMarks(in.readString("userId"), marks);
    }

    @Override
    public void write(CompactWriter out, OfflineMarks value) {
        List<OfflineMark> marks = value.marks();
        String[] rooms = new String[marks.size()];
        long[] from = new long[marks.size()];
        long[] last = new long[marks.size()];
        for (int i = 0; i < marks.size(); i++) {
            rooms[i] = marks.get(i).roomId();
            from[i] = marks.get(i).fromSeq();
            last[i] = marks.get(i).lastSeq();
        }
        out.writeString("userId", value.userId());
        out.writeArrayOfString("rooms", rooms);
        out.writeArrayOfInt64("fromSeqs", from);
        out.writeArrayOfInt64("lastSeqs", last);
    }

    @Override
    public String getTypeName() {
        return "gridchat.OfflineMarks";
    }

    @Override
    public Class<OfflineMarks> getCompactClass() {
        return OfflineMarks.class;
    }
}
