package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import java.util.Map;

/**
 * What the presence processors share: the value they write carries a TTL, and the backup replica gets exactly
 * that value and TTL (never a re-run, which could read other maps or see a different expiry).
 */
abstract class PresenceUpdate implements EntryProcessor<String, Presence, PresenceChange>,
        IdentifiedDataSerializable {
    private transient Presence written;
    private transient long writtenTtlMillis;

    final void write(Map.Entry<String, Presence> entry, Presence presence, long ttlMillis) {
        SetWithTtl.put(entry, presence, ttlMillis);
        written = presence;
        writtenTtlMillis = ttlMillis;
    }

    @Override
    public final EntryProcessor<String, Presence, PresenceChange> getBackupProcessor() {
        return written == null ? null : new SetWithTtl<>(written, writtenTtlMillis);
    }

    @Override
    public final int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }
}
