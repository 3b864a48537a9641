package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.RateWindow;

final class RateWindowSerializer implements CompactSerializer<RateWindow> {
    @Override
    public RateWindow read(CompactReader in) {
        return new RateWindow(in.readInt64("windowStart"), in.readInt32("previous"), in.readInt32("current"));
    }

    @Override
    public void write(CompactWriter out, RateWindow window) {
        out.writeInt64("windowStart", window.windowStart());
        out.writeInt32("previous", window.previous());
        out.writeInt32("current", window.current());
    }

    @Override
    public String getTypeName() {
        return "gridchat.RateWindow";
    }

    @Override
    public Class<RateWindow> getCompactClass() {
        return RateWindow.class;
    }
}
