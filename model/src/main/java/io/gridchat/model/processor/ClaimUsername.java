package io.gridchat.model.processor;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Map;

/**
 * Claims a (lower-cased) username for a user id if nobody holds it; returns the holder's id afterwards, so
 * the caller won when it gets its own id back. Deterministic, so the backup runs the same processor.
 */
public final class ClaimUsername implements EntryProcessor<String, String, String>, IdentifiedDataSerializable {
    private String userId;

    public ClaimUsername() {
    }

    public ClaimUsername(String userId) {
        this.userId = userId;
    }

    @Override
    public String process(Map.Entry<String, String> entry) {
        if (entry.getValue() == null) {
            entry.setValue(userId);
            return userId;
        }
        return entry.getValue();
    }

    @Override
    public int getFactoryId() {
        return ProcessorFactory.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ProcessorFactory.CLAIM_USERNAME;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeString(userId);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        userId = in.readString();
    }
}
