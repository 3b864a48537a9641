package io.gridchat.mapstores.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.MapNames;
import io.gridchat.model.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UserMapStoreTest {
    private static ShardPools pools;
    private static UserMapStore users;
    private static UsernameMapStore usernames;

    @BeforeAll
    static void startStores() {
        pools = new ShardPools(TestDatabase.newShards("users", 4));
        pools.migrate();
        users = new UserMapStore();
        users.init(pools, new Properties(), MapNames.USERS);
        usernames = new UsernameMapStore();
        usernames.init(pools, new Properties(), MapNames.USERNAMES);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_storing_users_on_four_shards_then_they_load_back_and_each_row_is_on_its_users_shard() {
        Map<String, User> stored = IntStream.range(0, 40).mapToObj(i -> new User("u-" + i, "name" + i,
                        "Näme " + i + " 😀", "pbkdf2$210000$salt$hash" + i, 1_700_000_000_000L + i))
                .collect(Collectors.toMap(User::userId, user -> user));
        assertThat(stored.keySet().stream().map(pools.router()::shardOfUser).distinct()).hasSize(4);

        users.storeAll(new HashMap<>(stored));

        assertThat(users.loadAll(stored.keySet())).isEqualTo(stored);
        assertThat(users.load("u-7")).isEqualTo(stored.get("u-7"));
        assertThat(users.load("nobody")).isNull();
        for (String userId : stored.keySet()) {
            int home = pools.router().shardOfUser(userId);
            for (int shard = 0; shard < 4; shard++) {
                assertThat(ShardSql.count(pools.shard(shard), "SELECT COUNT(*) FROM users WHERE user_id = ?", userId))
                        .isEqualTo(shard == home ? 1 : 0);
            }
        }
    }

    @Test
    void when_storing_a_user_again_then_the_row_is_overwritten_and_delete_removes_it() {
        users.store("u-again", new User("u-again", "again", "First", "hash-1", 1L));
        users.store("u-again", new User("u-again", "again", "Second", "hash-2", 1L));

        assertThat(users.load("u-again").displayName()).isEqualTo("Second");
        assertThat(ShardSql.count(pools.shard(pools.router().shardOfUser("u-again")),
                "SELECT COUNT(*) FROM users WHERE user_id = ?", "u-again")).isEqualTo(1);

        users.delete("u-again");

        assertThat(users.load("u-again")).isNull();
    }

    @Test
    void when_deleting_all_users_then_no_row_is_left() {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "gone-" + i).toList();
        Map<String, User> batch = new HashMap<>();
        ids.forEach(id -> batch.put(id, new User(id, id, id, "hash", 5L)));
        users.storeAll(batch);

        List<String> toDelete = new ArrayList<>(ids);
        users.deleteAll(toDelete);

        assertThat(users.loadAll(ids)).isEmpty();
        assertThat(toDelete).as("every shard committed, so Hazelcast has nothing to retry").isEmpty();
    }

    @Test
    void when_storing_usernames_then_they_load_back_from_the_shard_of_the_lower_cased_name() {
        Map<String, String> stored = IntStream.range(0, 40).boxed()
                .collect(Collectors.toMap(i -> "user.name" + i, i -> "u-" + i));

        usernames.storeAll(new HashMap<>(stored));

        assertThat(usernames.loadAll(stored.keySet())).isEqualTo(stored);
        assertThat(usernames.load("user.name3")).isEqualTo("u-3");
        assertThat(usernames.load("nobody")).isNull();
        for (String username : stored.keySet()) {
            assertThat(ShardSql.count(pools.shard(pools.router().shardOfUsername(username)),
                    "SELECT COUNT(*) FROM usernames WHERE username = ?", username)).isEqualTo(1);
        }

        usernames.delete("user.name3");
        usernames.deleteAll(new ArrayList<>(List.of("user.name4", "user.name5")));

        assertThat(usernames.loadAll(List.of("user.name3", "user.name4", "user.name5", "user.name6")))
                .containsOnlyKeys("user.name6");
    }

    @Test
    void when_a_username_differs_only_in_case_then_it_is_a_different_key_on_the_same_shard() {
        usernames.store("casey", "u-lower");
        usernames.store("Casey", "u-upper");

        assertThat(usernames.load("casey")).isEqualTo("u-lower");
        assertThat(usernames.load("Casey")).isEqualTo("u-upper");
        assertThat(ShardSql.count(pools.shard(pools.router().shardOfUsername("casey")),
                "SELECT COUNT(*) FROM usernames WHERE username IN (?, ?)", "casey", "Casey")).isEqualTo(2);
    }
}
