package io.gridchat.model.serial;

import com.hazelcast.config.SerializationConfig;
import io.gridchat.model.processor.ProcessorFactory;

/** Registers every gridchat serializer; members and clients call the same method so both sides agree. */
public final class ModelSerialization {
    private ModelSerialization() {
    }

    public static SerializationConfig register(SerializationConfig config) {
        config.getCompactSerializationConfig().addSerializer(new UserSerializer()).addSerializer(new RoomSerializer())
                .addSerializer(new RoomLogSerializer()).addSerializer(new MemberKeySerializer())
                .addSerializer(new MembershipSerializer()).addSerializer(new RosterSerializer())
                .addSerializer(new MessageKeySerializer()).addSerializer(new ChatMessageSerializer())
                .addSerializer(new DedupeKeySerializer()).addSerializer(new MessageRefSerializer())
                .addSerializer(new ConnectionSerializer()).addSerializer(new UserSessionsSerializer())
                .addSerializer(new EdgeDeliverySerializer()).addSerializer(new MessagePageSerializer())
                .addSerializer(new SendResultSerializer()).addSerializer(new JoinResultSerializer());
        config.addDataSerializableFactory(ProcessorFactory.FACTORY_ID, new ProcessorFactory());
        return config;
    }
}
