package io.gridchat.mapstores.reads;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.ReadPosition;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReadPositionMapStoreTest {
    private static ShardPools pools;
    private static ReadPositionMapStore store;

    @BeforeAll
    static void start() {
        pools = new ShardPools(TestDatabase.newShards("reads", 4));
        pools.migrate();
        store = new ReadPositionMapStore();
        store.init(pools, new Properties(), MapNames.READ_POSITIONS);
    }

    @AfterAll
    static void stop() {
        pools.close();
    }

    @Test
    void when_read_positions_are_stored_then_they_load_back_and_a_retried_batch_writes_nothing_twice() {
        Map<MemberKey, ReadPosition> stored = IntStream.range(0, 30)
                .mapToObj(i -> new ReadPosition("room-" + (i % 7), "user-" + i, 10L + i, 12L + i, 1_000L + i))
                .collect(Collectors.toMap(p -> new MemberKey(p.roomId(), p.userId()), p -> p));
        store.storeAll(new HashMap<>(stored));
        store.storeAll(new HashMap<>(stored));
        assertThat(store.loadAll(stored.keySet())).isEqualTo(stored);

        MemberKey key = new MemberKey("room-3", "user-3");
        ReadPosition further = new ReadPosition("room-3", "user-3", 99, 120, 5_000);
        store.store(key, further);
        assertThat(store.load(key)).isEqualTo(further);
        assertThat(store.load(new MemberKey("room-3", "nobody"))).isNull();
    }
}
