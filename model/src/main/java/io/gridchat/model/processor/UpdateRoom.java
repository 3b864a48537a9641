package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.Membership;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import java.io.IOException;
import java.util.Map;

/** An owner or moderator renames the room or changes its topic (null keeps the current value). */
public final class UpdateRoom extends RoomChangeProcessor {
    private String name;
    private String topic;
    private transient Room updated;

    public UpdateRoom() {
    }

    public UpdateRoom(String byUserId, String name, String topic) {
        super(byUserId);
        this.name = name;
        this.topic = topic;
    }

    @Override
    RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor) {
        if (!actor.role().moderates()) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        updated = new Room(room.roomId(), name == null ? room.name() : name, room.kind(),
                topic == null ? room.topic() : topic, room.capacity(), room.ownerId(), room.createdAt());
        entry.setValue(updated);
        return RoomChange.done(updated);
    }

    @Override
    public EntryProcessor<String, Room, RoomChange> getBackupProcessor() {
        return updated == null ? null : new PutBackup<>(updated);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.UPDATE_ROOM;
    }

    @Override
    void writeFields(ObjectDataOutput out) throws IOException {
        out.writeString(name);
        out.writeString(topic);
    }

    @Override
    void readFields(ObjectDataInput in) throws IOException {
        name = in.readString();
        topic = in.readString();
    }
}
