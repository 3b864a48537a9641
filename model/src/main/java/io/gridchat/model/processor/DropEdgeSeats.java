package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.LiveRoom;
import java.io.IOException;
import java.util.Map;

/**
 * Frees the seats of a dead edge node's connections (run over every live room when its heartbeat expires);
 * their users are away from now on, as if each connection had closed. {@link FreeAwaySeats} then frees the
 * places of study rooms and forgets the away users of other rooms.
 */
public final class DropEdgeSeats implements EntryProcessor<String, LiveRoom, Integer>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private String edgeId;
    private transient HazelcastInstance instance;

    public DropEdgeSeats() {
    }

    public DropEdgeSeats(String edgeId) {
        this.edgeId = edgeId;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public Integer process(Map.Entry<String, LiveRoom> entry) {
        LiveRoom before = entry.getValue();
        if (before == null) {
            return 0;
        }
        LiveRoom after = before.withoutEdge(edgeId, System.currentTimeMillis());
        if (!after.equals(before)) {
            entry.setValue(after.isEmpty() ? null : after);
            GridContext.seated(instance, entry.getKey(), after);
        }
        return before.seats().size() - after.seats().size();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.DROP_EDGE_SEATS;
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
