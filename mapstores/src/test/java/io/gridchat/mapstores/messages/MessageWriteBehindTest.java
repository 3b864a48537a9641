package io.gridchat.mapstores.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.serial.ModelSerialization;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real member on loopback with MessageMapStore as write-behind store, configured as grid-node will. */
class MessageWriteBehindTest {
    private static ShardPools pools;
    private static HazelcastInstance member;

    @BeforeAll
    static void startMember() {
        pools = new ShardPools(TestDatabase.newShards("writebehind", 4));
        pools.migrate();
        member = Hazelcast.newHazelcastInstance(memberConfig(pools));
    }

    @AfterAll
    static void stopMember() {
        if (member != null) {
            member.shutdown();
        }
        pools.close();
    }

    @Test
    void when_messages_are_put_then_write_behind_stores_them_and_an_evicted_one_loads_back_from_mysql() {
        IMap<MessageKey, ChatMessage> map = member.getMap(MapNames.MESSAGES);
        Map<MessageKey, ChatMessage> batch = MessageMapStoreTest.batch("hz", 40, 15);

        map.putAll(batch);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> ShardSql.totalRows(pools, "messages") == batch.size());
        MessageKey key = new MessageKey("hz-7", 3);
        int shard = pools.router().shardOfRoom("hz-7");
        assertThat(ShardSql.strings(pools.shard(shard), "SELECT text FROM messages WHERE room_id = ? AND seq = ?",
                "hz-7", 3)).containsExactly(batch.get(key).text());
        // Change the row behind the grid's back: a value read after the eviction can only come from MySQL.
        ShardSql.update(pools.shard(shard), "UPDATE messages SET text = ? WHERE room_id = ? AND seq = ?",
                "edited in MySQL", "hz-7", 3);

        map.evict(key);

        assertThat(map.get(key).text()).isEqualTo("edited in MySQL");
        assertThat(map.get(new MessageKey("hz-7", 4))).isEqualTo(batch.get(new MessageKey("hz-7", 4)));
    }

    @Test
    void when_a_message_is_removed_then_write_behind_deletes_its_row() {
        IMap<MessageKey, ChatMessage> map = member.getMap(MapNames.MESSAGES);
        MessageKey key = new MessageKey("hz-removed", 1);
        map.put(key, new ChatMessage("hz-removed", 1, ChatMessage.msgIdOf("hz-removed", 1), "u", "bye", 1L, null));
        int shard = pools.router().shardOfRoom("hz-removed");
        String count = "SELECT COUNT(*) FROM messages WHERE room_id = 'hz-removed'";
        await().atMost(Duration.ofSeconds(20)).until(() -> ShardSql.count(pools.shard(shard), count) == 1);

        map.delete(key);

        await().atMost(Duration.ofSeconds(20)).until(() -> ShardSql.count(pools.shard(shard), count) == 0);
        assertThat(map.get(key)).isNull();
    }

    private static Config memberConfig(ShardPools pools) {
        Config config = new Config();
        config.setClusterName("mapstores-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(5901).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        ModelSerialization.register(config.getSerializationConfig());
        config.setUserContext(new ConcurrentHashMap<>(Map.of(ShardPools.USER_CONTEXT_KEY, pools)));
        MapStoreConfig store = new MapStoreConfig().setEnabled(true).setClassName(MessageMapStore.class.getName())
                .setWriteDelaySeconds(1).setWriteBatchSize(500)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY);
        config.getMapConfig(MapNames.MESSAGES).setMapStoreConfig(store);
        return config;
    }
}
