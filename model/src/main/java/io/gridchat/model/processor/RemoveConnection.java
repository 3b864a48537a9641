package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.Map;

/** Forgets one connection of the user keyed; returns how many remain. Deterministic, same on backup. */
public final class RemoveConnection implements EntryProcessor<String, UserSessions, Integer>,
        IdentifiedDataSerializable {
    private String connectionId;

    public RemoveConnection() {
    }

    public RemoveConnection(String connectionId) {
        this.connectionId = connectionId;
    }

    @Override
    public Integer process(Map.Entry<String, UserSessions> entry) {
        if (entry.getValue() == null) {
            return 0;
        }
        UserSessions next = entry.getValue().without(connectionId);
        entry.setValue(next.connections().isEmpty() ? null : next);
        return next.connections().size();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.REMOVE_CONNECTION;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(connectionId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        connectionId = in.readString();
    }
}
