package io.gridchat.mapstores.friends;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.FriendList;
import io.gridchat.model.FriendRequest;
import io.gridchat.model.MapNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FriendMapStoresTest {
    private static ShardPools pools;
    private static FriendListMapStore lists;
    private static FriendRequestMapStore requests;

    @BeforeAll
    static void start() {
        pools = new ShardPools(TestDatabase.newShards("friends", 4));
        pools.migrate();
        lists = new FriendListMapStore();
        lists.init(pools, new Properties(), MapNames.FRIENDS);
        requests = new FriendRequestMapStore();
        requests.init(pools, new Properties(), MapNames.FRIEND_REQUESTS);
    }

    @AfterAll
    static void stop() {
        pools.close();
    }

    @Test
    void when_friend_lists_are_stored_then_they_load_back_in_order_and_a_rewrite_replaces_them() {
        Map<String, FriendList> stored = IntStream.range(0, 20).mapToObj(i -> new FriendList("user-" + i,
                List.of("f-" + i, "a-" + i, "z_" + i))).collect(Collectors.toMap(FriendList::userId, f -> f));
        lists.storeAll(new HashMap<>(stored));
        assertThat(lists.loadAll(stored.keySet())).isEqualTo(stored);
        FriendList fewer = new FriendList("user-2", List.of("z_2"));
        lists.store("user-2", fewer);
        assertThat(lists.load("user-2")).isEqualTo(fewer);
        lists.delete("user-3");
        assertThat(lists.load("user-3")).isNull();
    }

    @Test
    void when_a_request_is_stored_then_it_loads_back_until_deleted() {
        FriendRequest request = new FriendRequest(FriendRequest.idOf("ua", "ub"), "ua", "ub", 42);
        requests.store(request.requestId(), request);
        requests.store(request.requestId(), request);
        assertThat(requests.load(request.requestId())).isEqualTo(request);
        requests.delete(request.requestId());
        assertThat(requests.load(request.requestId())).isNull();
    }
}
