package io.gridchat.mapstores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.messages.MessageMapStore;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.RetriableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shard 0 is a real database; shard 1 is a port nobody listens on, as a stopped server is. */
class ShardFailureTest {
    private static ShardPools pools;
    private static MessageMapStore messages;

    @BeforeAll
    static void startPools() {
        String up = TestDatabase.newShards("failure", 1).shards().get(0);
        String down = "jdbc:mysql://127.0.0.1:" + TestDatabase.freePort() + "/gridchat_down";
        pools = new ShardPools(new MysqlSettings(List.of(up, down), "root", "", 2, 1), Duration.ofMillis(500));
        messages = new MessageMapStore();
        messages.init(pools, new Properties(), MapNames.MESSAGES);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_migrating_with_a_shard_down_then_it_fails_naming_that_shard_after_the_others() {
        assertThatThrownBy(() -> pools.migrate()).isInstanceOf(ShardUnavailableException.class)
                .isInstanceOf(RetriableException.class).hasMessageContaining("shard 1")
                .hasCauseInstanceOf(SQLException.class);

        assertThat(ShardSql.count(pools.shard(0), "SELECT COUNT(*) FROM information_schema.tables "
                + "WHERE table_schema = DATABASE()")).isEqualTo(11);
    }

    @Test
    void when_a_batch_spans_a_shard_that_is_down_then_store_all_throws_and_keeps_only_that_shards_entries() {
        migrateShardZero();
        Map<MessageKey, ChatMessage> batch = new HashMap<>();
        IntStream.range(0, 20).mapToObj(i -> "down-" + i).forEach(roomId -> batch.put(new MessageKey(roomId, 1),
                new ChatMessage(roomId, 1, ChatMessage.msgIdOf(roomId, 1), "u", "hi", 1L, null)));
        Map<MessageKey, ChatMessage> handedOver = new HashMap<>(batch);

        assertThatThrownBy(() -> messages.storeAll(handedOver)).isInstanceOf(ShardUnavailableException.class)
                .hasMessageContaining("'" + MapNames.MESSAGES + "'").hasMessageContaining("shard 1")
                .hasCauseInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((ShardUnavailableException) e).shard()).isEqualTo(1));

        assertThat(handedOver.keySet()).as("what Hazelcast will retry").isNotEmpty()
                .allSatisfy(key -> assertThat(pools.router().shardOfRoom(key.roomId())).isEqualTo(1));
        long onShardZero = batch.keySet().stream().filter(key -> pools.router().shardOfRoom(key.roomId()) == 0).count();
        assertThat(onShardZero).isPositive();
        assertThat(ShardSql.count(pools.shard(0), "SELECT COUNT(*) FROM messages WHERE room_id LIKE 'down-%'"))
                .isEqualTo(onShardZero);
    }

    @Test
    void when_a_single_store_load_or_delete_hits_a_shard_that_is_down_then_it_throws() {
        String roomOnDownShard = IntStream.range(0, 100).mapToObj(i -> "lost-" + i)
                .filter(roomId -> pools.router().shardOfRoom(roomId) == 1).findFirst().orElseThrow();
        MessageKey key = new MessageKey(roomOnDownShard, 1);
        ChatMessage message = new ChatMessage(roomOnDownShard, 1, "m", "u", "hi", 1L, null);

        assertThatThrownBy(() -> messages.store(key, message)).isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> messages.load(key)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("load");
        List<MessageKey> keys = new ArrayList<>(List.of(key));
        assertThatThrownBy(() -> messages.deleteAll(keys)).isInstanceOf(RetriableException.class);
        assertThat(keys).containsExactly(key);
    }

    private static void migrateShardZero() {
        try {
            pools.migrate();
        } catch (ShardUnavailableException expected) {
            // Shard 1 is down; shard 0 comes first and has its tables now.
        }
    }
}
