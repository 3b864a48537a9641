package io.gridchat.model.processor;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.gridchat.model.RateWindow;
import java.io.IOException;
import java.util.Map;

/**
 * Gives back permits {@link TakePermit} counted in the fixed window starting at {@code takenIn}, e.g. for a send
 * the room then refused, or those an edge node leased and did not use; nothing happens once that window no longer
 * counts. Returns whether a count was removed. Runs on a partition thread.
 */
public final class ReturnPermit extends RateUpdate<Boolean> {
    private int permits;
    private long takenIn;
    private long windowMillis;

    public ReturnPermit() {
    }

    public ReturnPermit(long takenIn, long windowMillis) {
        this(1, takenIn, windowMillis);
    }

    public ReturnPermit(int permits, long takenIn, long windowMillis) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
        this.permits = permits;
        this.takenIn = takenIn;
        this.windowMillis = windowMillis;
    }

    @Override
    public Boolean process(Map.Entry<String, RateWindow> entry) {
        if (entry.getValue() == null) {
            return false;
        }
        long now = System.currentTimeMillis();
        RateWindow window = RateWindow.at(entry.getValue(), now, windowMillis);
        RateWindow returned = window.minus(permits, takenIn, windowMillis);
        if (returned == window) {
            return false;
        }
        write(entry, returned, now, windowMillis);
        return true;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.RETURN_PERMIT;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(permits);
        out.writeLong(takenIn);
        out.writeLong(windowMillis);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        permits = in.readInt();
        takenIn = in.readLong();
        windowMillis = in.readLong();
    }
}
