package io.gridchat.mapstores.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridchat.mapstores.MapStoreException;
import io.gridchat.mapstores.MapStoreProperties;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.Ban;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.TimerState;
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

class RoomMapStoreTest {
    private static ShardPools pools;
    private static RoomMapStore rooms;
    private static MembershipMapStore members;
    private static BanMapStore bans;
    private static RoomTimerMapStore timers;

    @BeforeAll
    static void startStores() {
        pools = new ShardPools(TestDatabase.newShards("rooms", 4));
        pools.migrate();
        rooms = new RoomMapStore();
        rooms.init(pools, new Properties(), MapNames.ROOMS);
        members = new MembershipMapStore();
        members.init(pools, new Properties(), MapNames.MEMBERS);
        bans = new BanMapStore();
        bans.init(pools, new Properties(), MapNames.BANS);
        timers = new RoomTimerMapStore();
        timers.init(pools, new Properties(), MapNames.ROOM_TIMERS);
    }

    @Test
    void when_storing_bans_and_timers_then_they_land_on_the_rooms_shard_and_load_back() {
        Map<MemberKey, Ban> storedBans = new HashMap<>();
        Map<String, RoomTimer> storedTimers = new HashMap<>();
        for (int room = 0; room < 12; room++) {
            String roomId = "br-" + room;
            storedBans.put(new MemberKey(roomId, "troll"), new Ban(roomId, "troll", "mod-" + room, 5_000L + room));
            RoomTimer timer = RoomTimer.started(roomId, 25 * 60_000L, "u-" + room, 1_000_000L);
            storedTimers.put(roomId, room % 2 == 0 ? timer : timer.paused("u-1", 1_060_000L));
        }

        bans.storeAll(new HashMap<>(storedBans));
        timers.storeAll(new HashMap<>(storedTimers));

        assertThat(bans.loadAll(storedBans.keySet())).isEqualTo(storedBans);
        assertThat(timers.loadAll(storedTimers.keySet())).isEqualTo(storedTimers);
        assertThat(timers.load("br-1").state()).isEqualTo(TimerState.PAUSED);
        assertThat(timers.load("br-1").remainingMs()).isEqualTo(25 * 60_000L - 60_000L);
        assertThat(ShardSql.strings(pools.shard(pools.router().shardOfRoom("br-3")),
                "SELECT banned_by FROM room_bans WHERE room_id = ? AND user_id = 'troll'", "br-3"))
                .containsExactly("mod-3");

        bans.delete(new MemberKey("br-0", "troll"));
        assertThat(bans.load(new MemberKey("br-0", "troll"))).isNull();

        BanMapStore preloading = new BanMapStore();
        Properties preload = new Properties();
        preload.setProperty(MapStoreProperties.PRELOAD, "true");
        preloading.init(pools, preload, MapNames.BANS);
        assertThat(preloading.loadAllKeys()).as("every key of every shard, for the initial load")
                .containsAll(storedBans.keySet().stream().filter(key -> !key.roomId().equals("br-0")).toList())
                .doesNotContain(new MemberKey("br-0", "troll"));
        assertThat(bans.loadAllKeys()).as("a map that does not preload loads lazily").isNull();
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_storing_rooms_on_four_shards_then_they_load_back_with_their_kind() {
        RoomKind[] kinds = RoomKind.values();
        Map<String, Room> stored = IntStream.range(0, 30).mapToObj(i -> new Room("r-" + i, "Room " + i,
                        kinds[i % kinds.length], i % 5 == 0 ? null : "topic <b>" + i + "</b>", 50 + i, "u-" + i,
                        1_000L * i)).collect(Collectors.toMap(Room::roomId, room -> room));
        assertThat(stored.keySet().stream().map(pools.router()::shardOfRoom).distinct()).hasSize(4);

        rooms.storeAll(new HashMap<>(stored));

        assertThat(rooms.loadAll(stored.keySet())).isEqualTo(stored);
        assertThat(rooms.load("r-0").topic()).isNull();
        assertThat(ShardSql.strings(pools.shard(pools.router().shardOfRoom("r-1")),
                "SELECT kind FROM rooms WHERE room_id = ?", "r-1")).containsExactly("GROUP");

        rooms.delete("r-1");
        rooms.deleteAll(new ArrayList<>(List.of("r-2", "r-3")));

        assertThat(rooms.loadAll(List.of("r-1", "r-2", "r-3", "r-4"))).containsOnlyKeys("r-4");
    }

    @Test
    void when_storing_memberships_then_they_land_on_the_rooms_shard_and_load_back() {
        Map<MemberKey, Membership> stored = new HashMap<>();
        for (int room = 0; room < 12; room++) {
            for (int user = 0; user < 5; user++) {
                Role role = user == 0 ? Role.OWNER : user == 1 ? Role.MODERATOR : Role.MEMBER;
                stored.put(new MemberKey("mr-" + room, "u-" + user),
                        new Membership("mr-" + room, "u-" + user, role, 10_000L + user));
            }
        }

        members.storeAll(new HashMap<>(stored));

        assertThat(members.loadAll(stored.keySet())).isEqualTo(stored);
        assertThat(members.load(new MemberKey("mr-3", "u-0")).role()).isEqualTo(Role.OWNER);
        assertThat(members.load(new MemberKey("mr-3", "u-99"))).isNull();
        for (int room = 0; room < 12; room++) {
            assertThat(ShardSql.count(pools.shard(pools.router().shardOfRoom("mr-" + room)),
                    "SELECT COUNT(*) FROM memberships WHERE room_id = ?", "mr-" + room)).isEqualTo(5);
        }

        members.delete(new MemberKey("mr-3", "u-4"));
        members.deleteAll(new ArrayList<>(List.of(new MemberKey("mr-4", "u-4"), new MemberKey("mr-5", "u-4"))));

        assertThat(members.loadAll(List.of(new MemberKey("mr-3", "u-4"), new MemberKey("mr-4", "u-4"),
                new MemberKey("mr-5", "u-4"), new MemberKey("mr-6", "u-4"))))
                .containsOnlyKeys(new MemberKey("mr-6", "u-4"));
    }

    @Test
    void when_a_row_holds_a_role_the_enum_lacks_then_loading_fails_naming_the_map() {
        MemberKey key = new MemberKey("mr-bad", "u-1");
        members.store(key, new Membership("mr-bad", "u-1", Role.MEMBER, 1L));
        ShardSql.update(pools.shard(pools.router().shardOfRoom("mr-bad")),
                "UPDATE memberships SET role = 'EMPEROR' WHERE room_id = ?", "mr-bad");

        assertThatThrownBy(() -> members.load(key)).isInstanceOf(MapStoreException.class)
                .hasMessageContaining("'" + MapNames.MEMBERS + "'").hasMessageContaining("EMPEROR");
    }
}
