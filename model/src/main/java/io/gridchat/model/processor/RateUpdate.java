package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.RateWindow;
import java.util.Map;

/**
 * What the rate-limit processors share: they read the member's clock, so the backup replica never re-runs them
 * (its clock or the moment could differ); it gets the value and TTL the primary wrote ({@link SetWithTtl}).
 * An entry without counts is removed, so idle keys cost no memory even before their TTL runs out.
 */
abstract class RateUpdate<R> implements EntryProcessor<String, RateWindow, R>, IdentifiedDataSerializable {
    private transient boolean wrote;
    private transient RateWindow written;
    private transient long writtenTtlMillis;

    final void write(Map.Entry<String, RateWindow> entry, RateWindow window, long now, long windowMillis) {
        RateWindow value = window.isEmpty() ? null : window;
        long ttlMillis = window.ttlMillis(now, windowMillis);
        SetWithTtl.put(entry, value, ttlMillis);
        wrote = true;
        written = value;
        writtenTtlMillis = ttlMillis;
    }

    @Override
    public final EntryProcessor<String, RateWindow, R> getBackupProcessor() {
        return wrote ? new SetWithTtl<>(written, writtenTtlMillis) : null;
    }

    @Override
    public final int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }
}
