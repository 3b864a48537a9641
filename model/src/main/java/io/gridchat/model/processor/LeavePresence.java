package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.Map;

/**
 * The user closed a connection and the sessions map showed none left: offline at once, unless a connection
 * opened meanwhile (the sessions entry shares this entry's key, so the check is a local read on this
 * partition). Offline entries keep {@code lastSeen} for {@code retentionMillis}. Also used when the grid
 * dropped the connections of an edge node that stopped beating ({@link #vanished}): then the user was last
 * seen at their last heartbeat, not now.
 */
public final class LeavePresence extends PresenceUpdate implements HazelcastInstanceAware {
    /** As {@code now}: keep the entry's last seen (see {@link #vanished}). */
    private static final long LAST_HEARTBEAT = -1;
    private long now;
    private long retentionMillis;
    private transient HazelcastInstance instance;

    public LeavePresence() {
    }

    public LeavePresence(long now, long retentionMillis) {
        this.now = now;
        this.retentionMillis = retentionMillis;
    }

    /** The user's last connections vanished with their edge node: last seen at their last heartbeat. */
    public static LeavePresence vanished(long retentionMillis) {
        return new LeavePresence(LAST_HEARTBEAT, retentionMillis);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public PresenceChange process(Map.Entry<String, Presence> entry) {
        Presence current = entry.getValue();
        PresenceStatus previous = current == null ? PresenceStatus.OFFLINE : current.status();
        UserSessions sessions = PartitionReads.get(instance, MapNames.SESSIONS, entry.getKey());
        if (previous == PresenceStatus.OFFLINE || (sessions != null && !sessions.connections().isEmpty())) {
            return new PresenceChange(entry.getKey(), previous, previous, current == null ? 0 : current.lastSeen());
        }
        long lastSeen = now == LAST_HEARTBEAT ? current.lastSeen() : now;
        write(entry, new Presence(entry.getKey(), PresenceStatus.OFFLINE, lastSeen, current.lastActive()),
                retentionMillis);
        return new PresenceChange(entry.getKey(), previous, PresenceStatus.OFFLINE, lastSeen);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.LEAVE_PRESENCE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(now);
        out.writeLong(retentionMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        now = in.readLong();
        retentionMillis = in.readLong();
    }
}
