package io.gridchat.model.serial;

import com.hazelcast.nio.serialization.compact.CompactReader;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import com.hazelcast.nio.serialization.compact.CompactWriter;
import io.gridchat.model.Connection;

final class ConnectionSerializer implements CompactSerializer<Connection> {
    @Override
    public Connection read(CompactReader in) {
        return new Connection(in.readString("edgeId"), in.readString("connectionId"), in.readInt64("since"));
    }

    @Override
    public void write(CompactWriter out, Connection connection) {
        out.writeString("edgeId", connection.edgeId());
        out.writeString("connectionId", connection.connectionId());
        out.writeInt64("since", connection.since());
    }

    @Override
    public String getTypeName() {
        return "gridchat.Connection";
    }

    @Override
    public Class<Connection> getCompactClass() {
        return Connection.class;
    }
}
