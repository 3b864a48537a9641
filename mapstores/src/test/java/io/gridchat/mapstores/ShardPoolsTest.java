package io.gridchat.mapstores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridchat.model.GridchatException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ShardPoolsTest {
    private static ShardPools pools;

    @BeforeAll
    static void startPools() {
        pools = new ShardPools(TestDatabase.newShards("pools", 4));
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_migrating_twice_then_every_shard_has_all_eleven_tables_in_utf8mb4() {
        pools.migrate();
        pools.migrate();

        assertThat(pools.shardCount()).isEqualTo(4);
        assertThat(pools.router().shardCount()).isEqualTo(4);
        for (int shard = 0; shard < 4; shard++) {
            List<String> tables = ShardSql.strings(pools.shard(shard), "SELECT table_name FROM "
                    + "information_schema.tables WHERE table_schema = DATABASE() AND table_collation = ?"
                    + " AND engine = 'InnoDB' ORDER BY table_name", "utf8mb4_bin");
            assertThat(tables).containsExactlyInAnyOrder("friend_lists", "friend_requests", "memberships", "messages",
                    "offline_marks", "read_positions", "room_bans", "room_timers", "rooms", "usernames", "users");
        }
    }

    @Test
    void when_asking_for_a_shard_that_does_not_exist_then_it_is_refused() {
        assertThatThrownBy(() -> pools.shard(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pools.shard(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_reading_map_store_properties_then_defaults_apply_and_bad_values_name_the_map() {
        Properties properties = new Properties();
        assertThat(MapStoreProperties.from(properties, "messages").rowsPerStatement()).isEqualTo(500);

        properties.setProperty(MapStoreProperties.ROWS_PER_STATEMENT, "64");
        assertThat(MapStoreProperties.from(properties, "messages").rowsPerStatement()).isEqualTo(64);

        properties.setProperty(MapStoreProperties.ROWS_PER_STATEMENT, "many");
        assertThatThrownBy(() -> MapStoreProperties.from(properties, "messages"))
                .isInstanceOf(GridchatException.class).hasMessageContaining("'messages'")
                .hasMessageContaining(MapStoreProperties.ROWS_PER_STATEMENT);
        properties.setProperty(MapStoreProperties.ROWS_PER_STATEMENT, "0");
        assertThatThrownBy(() -> MapStoreProperties.from(properties, "messages"))
                .isInstanceOf(GridchatException.class).hasMessageContaining("'messages'");
    }
}
