package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import java.io.IOException;
import java.util.Map;

/**
 * A heartbeat of one of the user's connections: the user is online, or away when no connection reported
 * activity for {@code awayAfterMillis}; renews the entry's TTL. Returns the change for the caller to announce.
 */
public final class TouchPresence extends PresenceUpdate {
    private long now;
    private long lastActive;
    private long awayAfterMillis;
    private long ttlMillis;

    public TouchPresence() {
    }

    public TouchPresence(long now, long lastActive, long awayAfterMillis, long ttlMillis) {
        this.now = now;
        this.lastActive = lastActive;
        this.awayAfterMillis = awayAfterMillis;
        this.ttlMillis = ttlMillis;
    }

    @Override
    public PresenceChange process(Map.Entry<String, Presence> entry) {
        Presence current = entry.getValue();
        boolean wasConnected = current != null && current.status() != PresenceStatus.OFFLINE;
        PresenceStatus previous = current == null ? PresenceStatus.OFFLINE : current.status();
        long active = wasConnected ? Math.max(current.lastActive(), lastActive) : lastActive;
        PresenceStatus status = now - active >= awayAfterMillis ? PresenceStatus.AWAY : PresenceStatus.ONLINE;
        write(entry, new Presence(entry.getKey(), status, now, active), ttlMillis);
        return new PresenceChange(entry.getKey(), previous, status, now);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.TOUCH_PRESENCE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(now);
        out.writeLong(lastActive);
        out.writeLong(awayAfterMillis);
        out.writeLong(ttlMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        now = in.readLong();
        lastActive = in.readLong();
        awayAfterMillis = in.readLong();
        ttlMillis = in.readLong();
    }
}
