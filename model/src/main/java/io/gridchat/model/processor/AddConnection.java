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

/** Records a new connection of the user keyed; deterministic, so the backup runs the same processor. */
public final class AddConnection implements EntryProcessor<String, UserSessions, Integer>, IdentifiedDataSerializable {
    private Connection connection;

    public AddConnection() {
    }

    public AddConnection(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Integer process(Map.Entry<String, UserSessions> entry) {
        UserSessions current = entry.getValue() == null ? new UserSessions(entry.getKey(), List.of())
                : entry.getValue();
        UserSessions next = current.with(connection);
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
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        connection = in.readObject();
    }
}
