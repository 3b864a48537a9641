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
 * partition). Offline entries keep {@code lastSeen} for {@code retentionMillis}.
 */
public final class LeavePresence extends PresenceUpdate implements HazelcastInstanceAware {
    private long now;
    private long retentionMillis;
    private transient HazelcastInstance instance;

    public LeavePresence() {
    }

    public LeavePresence(long now, long retentionMillis) {
        this.now = now;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public PresenceChange process(Map.Entry<String, Presence> entry) {
        Presence current = entry.getValue();
        PresenceStatus previous = current == null ? PresenceStatus.OFFLINE : current.status();
        UserSessions sessions = GridContext.<String, UserSessions>map(instance, MapNames.SESSIONS).get(entry.getKey());
        if (previous == PresenceStatus.OFFLINE || (sessions != null && !sessions.connections().isEmpty())) {
            return new PresenceChange(entry.getKey(), previous, previous, current == null ? 0 : current.lastSeen());
        }
        write(entry, new Presence(entry.getKey(), PresenceStatus.OFFLINE, now, current.lastActive()), retentionMillis);
        return new PresenceChange(entry.getKey(), previous, PresenceStatus.OFFLINE, now);
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
