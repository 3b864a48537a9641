package io.gridchat.mapstores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardRouterTest {

    @Test
    void when_routing_the_crc32c_check_string_then_the_mixed_unsigned_checksum_modulo_the_count_is_the_shard() {
        // CRC-32C("123456789") = 0xE3069283, the algorithm's published check value; fmix32 of it is 0xAC7081CC.
        // The layout takes it unsigned; these values pin the formula down for every module, forever.
        assertThat(new ShardRouter(4).shardOf("123456789")).isEqualTo(0);
        assertThat(new ShardRouter(7).shardOf("123456789")).isEqualTo(3);
        assertThat(new ShardRouter(16).shardOf("123456789")).isEqualTo(12);
        assertThat(new ShardRouter(1).shardOf("123456789")).isZero();
    }

    @Test
    void when_routing_the_same_key_twice_then_both_routers_agree() {
        ShardRouter first = new ShardRouter(4);
        ShardRouter second = new ShardRouter(4);

        IntStream.range(0, 1_000).mapToObj(i -> "room-" + i)
                .forEach(roomId -> assertThat(second.shardOfRoom(roomId)).isEqualTo(first.shardOf(roomId)));
        assertThat(first.shardOf("Zimmer-ü-😀")).isEqualTo(second.shardOf("Zimmer-ü-😀"));
    }

    @Test
    void when_routing_ten_thousand_room_ids_then_each_of_four_shards_gets_about_a_quarter() {
        ShardRouter router = new ShardRouter(4);
        int[] perShard = new int[4];

        IntStream.range(0, 10_000).forEach(i -> perShard[router.shardOfRoom("room-" + i)]++);

        assertThat(IntStream.of(perShard).boxed()).allSatisfy(count -> assertThat(count).isBetween(2_300, 2_700));
    }

    @Test
    void when_routing_a_username_then_case_does_not_matter() {
        ShardRouter router = new ShardRouter(4);

        assertThat(router.shardOfUsername("Alice.Smith")).isEqualTo(router.shardOf("alice.smith"));
        assertThat(router.shardOfUsername("ALICE.SMITH")).isEqualTo(router.shardOfUsername("alice.smith"));
        assertThat(router.shardOfUser("u-1")).isEqualTo(router.shardOf("u-1"));
    }

    @Test
    void when_ids_differ_in_one_character_then_they_still_reach_every_shard() {
        ShardRouter router = new ShardRouter(4);
        int[] perShard = new int[4];
        IntStream.range(0, 100).forEach(i -> perShard[router.shardOf("trip-" + i)]++);
        assertThat(IntStream.of(perShard).boxed()).allSatisfy(count -> assertThat(count).isBetween(10, 40));
    }

    @Test
    void when_creating_a_router_without_shards_then_it_is_refused() {
        assertThatThrownBy(() -> new ShardRouter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
