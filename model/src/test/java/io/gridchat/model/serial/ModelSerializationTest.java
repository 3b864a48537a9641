package io.gridchat.model.serial;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.serialization.compact.CompactSerializer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModelSerializationTest {
    private static HazelcastInstance member;

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("serialization-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(36_701).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        ModelSerialization.register(config.getSerializationConfig());
        member = Hazelcast.newHazelcastInstance(config);
    }

    @AfterAll
    static void stop() {
        member.shutdown();
    }

    @Test
    void when_a_compact_type_is_registered_then_it_has_a_sample_for_schema_warm_up() {
        List<Class<?>> sampled = ModelSerialization.samples().stream().<Class<?>>map(Object::getClass).toList();
        List<Class<?>> registered = ModelSerialization.serializers().stream()
                .<Class<?>>map(CompactSerializer::getCompactClass).toList();
        assertThat(sampled).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void when_every_sample_is_stored_then_it_reads_back_equal() {
        ModelSerialization.learnSchemas(member);
        IMap<Integer, Object> map = member.getMap("samples");
        List<Object> samples = ModelSerialization.samples();
        for (int i = 0; i < samples.size(); i++) {
            map.set(i, samples.get(i));
        }
        for (int i = 0; i < samples.size(); i++) {
            assertThat(map.get(i)).as(samples.get(i).getClass().getSimpleName()).isEqualTo(samples.get(i));
        }
    }
}
