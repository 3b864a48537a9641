package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.Connection;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Records a new connection of the user keyed, unless the user already has {@code maxConnections} over all edge
 * nodes (a connection already recorded is recorded again, never refused). Returns the user's connections
 * afterwards, or {@link #REFUSED}. Deterministic, so the backup runs the same processor.
 */
public final class AddConnection implements EntryProcessor<String, UserSessions, Integer>, IdentifiedDataSerializable {
    /** The user holds {@code maxConnections} already; nothing was recorded. */
    public static final int REFUSED = -1;

    private Connection connection;
    private int maxConnections;

    public AddConnection() {
    }

    public AddConnection(Connection connection, int maxConnections) {
        this.connection = connection;
        this.maxConnections = maxConnections;
    }

    @Override
    public Integer process(Map.Entry<String, UserSessions> entry) {
        UserSessions current = entry.getValue() == null ? new UserSessions(entry.getKey(), List.of())
                : entry.getValue();
        UserSessions next = current.with(connection);
        if (next.connections().size() > current.connections().size() && next.connections().size() > maxConnections) {
            return REFUSED;
        }
        entry.setValue(next);
        return next.connections().size();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.ADD_CONNECTION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeObject(connection);
        out.writeInt(maxConnections);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        connection = in.readObject();
        maxConnections = in.readInt();
    }
}
