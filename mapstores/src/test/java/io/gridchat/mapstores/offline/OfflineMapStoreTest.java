package io.gridchat.mapstores.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.MapNames;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OfflineMapStoreTest {
    private static ShardPools pools;
    private static OfflineMapStore store;

    @BeforeAll
    static void start() {
        pools = new ShardPools(TestDatabase.newShards("offline", 4));
        pools.migrate();
        store = new OfflineMapStore();
        store.init(pools, new Properties(), MapNames.OFFLINE);
    }

    @AfterAll
    static void stop() {
        pools.close();
    }

    @Test
    void when_marks_are_stored_then_they_load_back_and_a_rewrite_replaces_them() {
        Map<String, OfflineMarks> stored = IntStream.range(0, 20).mapToObj(i -> new OfflineMarks("user-" + i,
                List.of(new OfflineMark("room-a_" + i, 1, 200 + i), new OfflineMark("room-b-" + i, 7, 7))))
                .collect(Collectors.toMap(OfflineMarks::userId, marks -> marks));
        store.storeAll(new HashMap<>(stored));
        assertThat(store.loadAll(stored.keySet())).isEqualTo(stored);

        OfflineMarks fewer = new OfflineMarks("user-3", List.of(new OfflineMark("room-b-3", 7, 9)));
        store.store("user-3", fewer);
        assertThat(store.load("user-3")).isEqualTo(fewer);

        store.delete("user-4");
        assertThat(store.load("user-4")).isNull();
    }
}
