package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.UserSessions;
import java.io.IOException;
import java.util.Map;

/**
 * Forgets every connection one edge node held (run over all sessions when that node stops). Returns, for a user
 * who had a connection there, how many connections they have left; null for the others (left out of the
 * results).
 */
public final class DropEdge implements EntryProcessor<String, UserSessions, Integer>, IdentifiedDataSerializable {
    private String edgeId;

    public DropEdge() {
    }

    public DropEdge(String edgeId) {
        this.edgeId = edgeId;
    }

    @Override
    public Integer process(Map.Entry<String, UserSessions> entry) {
        if (entry.getValue() == null) {
            return null;
        }
        UserSessions next = entry.getValue().withoutEdge(edgeId);
        if (next.connections().size() == entry.getValue().connections().size()) {
            return null;
        }
        entry.setValue(next.connections().isEmpty() ? null : next);
        return next.connections().size();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.DROP_EDGE;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(edgeId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        edgeId = in.readString();
    }
}
