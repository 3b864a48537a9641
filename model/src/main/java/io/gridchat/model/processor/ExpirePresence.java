package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import java.io.IOException;
import java.util.Map;

/**
 * An online or away entry expired: no connection of the user sent a heartbeat within the TTL (say its edge
 * node died). Unless a heartbeat recreated the entry meanwhile, the user is offline since the last one.
 */
public final class ExpirePresence extends PresenceUpdate {
    private Presence expired;
    private long retentionMillis;

    public ExpirePresence() {
    }

    public ExpirePresence(Presence expired, long retentionMillis) {
        this.expired = expired;
        this.retentionMillis = retentionMillis;
    }

    @Override
    public PresenceChange process(Map.Entry<String, Presence> entry) {
        Presence current = entry.getValue();
        if (current != null) {
            return new PresenceChange(entry.getKey(), current.status(), current.status(), current.lastSeen());
        }
        write(entry, new Presence(entry.getKey(), PresenceStatus.OFFLINE, expired.lastSeen(), expired.lastActive()),
                retentionMillis);
        return new PresenceChange(entry.getKey(), expired.status(), PresenceStatus.OFFLINE, expired.lastSeen());
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.EXPIRE_PRESENCE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(expired);
        out.writeLong(retentionMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        expired = in.readObject();
        retentionMillis = in.readLong();
    }
}
