package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.gridchat.model.ActiveRooms;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Asks one member for its most active rooms (its {@link ActiveRoomsIndex}, no scan); the caller asks every
 * member and merges. A member still starting answers with no rooms.
 */
public final class ActiveRoomsQuery implements Callable<ActiveRooms>, IdentifiedDataSerializable,
        HazelcastInstanceAware {
    private int limit;
    private transient HazelcastInstance instance;

    public ActiveRoomsQuery() {
    }

    public ActiveRoomsQuery(int limit) {
        this.limit = limit;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.instance = hazelcastInstance;
    }

    @Override
    public ActiveRooms call() {
        return instance.getUserContext().get(ActiveRoomsIndex.USER_CONTEXT_KEY) instanceof ActiveRoomsIndex index
                ? new ActiveRooms(index.top(limit))
                : new ActiveRooms(List.of());
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.ACTIVE_ROOMS_QUERY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeInt(limit);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        limit = in.readInt();
    }
}
