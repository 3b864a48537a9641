package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.Membership;
import io.gridchat.model.Room;
import io.gridchat.model.RoomChange;
import io.gridchat.model.RoomChangeOutcome;
import io.gridchat.model.RoomKind;
import java.io.IOException;
import java.util.Map;

/**
 * A change a member makes to a room (moderation, rename, timer), on the room's partition thread: the room must
 * exist and not be a dm, and the caller must be a member; the subclass checks the role and makes the change.
 * A change that was made answers only after a synchronous {@link OrderedBackup}, so it survives the primary's
 * loss; a subclass that changes the room entry itself replaces it with a backup of the new value.
 */
abstract class RoomChangeProcessor implements EntryProcessor<String, Room, RoomChange>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    protected String byUserId;
    protected transient HazelcastInstance instance;
    private transient boolean changed;

    RoomChangeProcessor() {
    }

    RoomChangeProcessor(String byUserId) {
        this.byUserId = byUserId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public final RoomChange process(Map.Entry<String, Room> entry) {
        Room room = entry.getValue();
        if (room == null) {
            return RoomChange.refused(RoomChangeOutcome.NO_SUCH_ROOM);
        }
        RoomMembers members = new RoomMembers(instance, entry.getKey());
        Membership actor = members.membership(byUserId);
        if (room.kind() == RoomKind.DM) {
            // to anyone but its two members a dm does not exist (its id is derivable from the pair)
            return RoomChange.refused(actor == null ? RoomChangeOutcome.NO_SUCH_ROOM : RoomChangeOutcome.NOT_ALLOWED);
        }
        if (actor == null) {
            return RoomChange.refused(RoomChangeOutcome.NOT_ALLOWED);
        }
        RoomChange change = change(entry, room, members, actor);
        changed = change.isDone();
        if (changed) {
            GridContext.roomChanged(instance, entry.getKey());
        }
        return change;
    }

    abstract RoomChange change(Map.Entry<String, Room> entry, Room room, RoomMembers members, Membership actor);

    @Override
    public EntryProcessor<String, Room, RoomChange> getBackupProcessor() {
        return changed ? new OrderedBackup<>() : null;
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public final void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(byUserId);
        writeFields(out);
    }

    @Override
    public final void readData(ObjectDataInput in) throws IOException {
        byUserId = in.readString();
        readFields(in);
    }

    abstract void writeFields(ObjectDataOutput out) throws IOException;

    abstract void readFields(ObjectDataInput in) throws IOException;
}
