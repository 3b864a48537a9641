package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.RateVerdict;
import io.gridchat.model.RateWindow;
import java.io.IOException;
import java.util.Map;

/**
 * Takes permits of a rate limit for the key (e.g. {@code messages:<userId>}) if the sliding window allows them:
 * as many as asked for, or fewer if only fewer are allowed now, at least one or none. The check and the count
 * are one step on the key's partition, so concurrent callers on any edge node never get more than the limit
 * together. A refusal writes nothing and says how long to wait. The entry's TTL runs to the end of the next fixed
 * window, so an idle key disappears by itself. Runs on a partition thread.
 */
public final class TakePermit extends RateUpdate<RateVerdict> {
    private int limit;
    private long windowMillis;
    private int wanted;

    public TakePermit() {
    }

    /** One of {@code limit} permits (at least 1) per sliding window of {@code windowMillis}. */
    public TakePermit(int limit, long windowMillis) {
        this(limit, windowMillis, 1);
    }

    /** Up to {@code wanted} (at least 1) of {@code limit} permits per sliding window of {@code windowMillis}. */
    public TakePermit(int limit, long windowMillis, int wanted) {
        if (limit < 1 || windowMillis < 1 || wanted < 1) {
            throw new IllegalArgumentException("limit, windowMillis and wanted must be positive: " + limit + ", "
                    + windowMillis + ", " + wanted);
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.wanted = wanted;
    }

    @Override
    public RateVerdict process(Map.Entry<String, RateWindow> entry) {
        long now = System.currentTimeMillis();
        RateWindow window = RateWindow.at(entry.getValue(), now, windowMillis);
        int granted = Math.min(wanted, window.available(now, windowMillis, limit));
        if (granted == 0) {
            return new RateVerdict(false, window.retryAfter(now, windowMillis, limit), window.windowStart(), 0);
        }
        write(entry, window.plus(granted), now, windowMillis);
        return new RateVerdict(true, 0, window.windowStart(), granted);
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.TAKE_PERMIT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(limit);
        out.writeLong(windowMillis);
        out.writeInt(wanted);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        limit = in.readInt();
        windowMillis = in.readLong();
        wanted = in.readInt();
    }
}
