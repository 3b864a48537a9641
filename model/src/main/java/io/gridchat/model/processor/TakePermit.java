package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.RateVerdict;
import io.gridchat.model.RateWindow;
import java.io.IOException;
import java.util.Map;

/**
 * Takes one permit of a rate limit for the key (e.g. {@code messages:<userId>}) if the sliding window allows it:
 * the check and the count are one step on the key's partition, so concurrent callers on any edge node never get
 * more than the limit together. A refusal writes nothing and says how long to wait. The entry's TTL runs to the
 * end of the next fixed window, so an idle key disappears by itself. Runs on a partition thread.
 */
public final class TakePermit extends RateUpdate<RateVerdict> {
    private int limit;
    private long windowMillis;

    public TakePermit() {
    }

    /** {@code limit} permits (at least 1) per sliding window of {@code windowMillis}. */
    public TakePermit(int limit, long windowMillis) {
        if (limit < 1 || windowMillis < 1) {
            throw new IllegalArgumentException("limit and windowMillis must be positive: " + limit + ", "
                    + windowMillis);
        }
        this.limit = limit;
        this.windowMillis = windowMillis;
    }

    @Override
    public RateVerdict process(Map.Entry<String, RateWindow> entry) {
        long now = System.currentTimeMillis();
        RateWindow window = RateWindow.at(entry.getValue(), now, windowMillis);
        long wait = window.retryAfter(now, windowMillis, limit);
        if (wait > 0) {
            return new RateVerdict(false, wait, window.windowStart());
        }
        write(entry, window.plusOne(), now, windowMillis);
        return new RateVerdict(true, 0, window.windowStart());
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.TAKE_PERMIT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(limit);
        out.writeLong(windowMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        limit = in.readInt();
        windowMillis = in.readLong();
    }
}
