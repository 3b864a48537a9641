package io.gridchat.mapstores.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.mapstores.ShardKeys;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.TestDatabase;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.Membership;
import io.gridchat.model.Role;
import io.gridchat.model.Roster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RosterMapLoaderTest {
    private static ShardPools pools;
    private static MembershipMapStore members;
    private static RosterMapLoader rosters;

    @BeforeAll
    static void startStores() {
        pools = new ShardPools(TestDatabase.newShards("rosters", 4));
        pools.migrate();
        members = new MembershipMapStore();
        members.init(pools, new Properties(), MapNames.MEMBERS);
        rosters = new RosterMapLoader();
        rosters.init(pools, new Properties(), MapNames.ROSTERS);
    }

    @AfterAll
    static void closePools() {
        pools.close();
    }

    @Test
    void when_loading_a_roster_then_its_user_ids_come_in_join_order_then_user_id_order() {
        Map<MemberKey, Membership> rows = new HashMap<>();
        join(rows, "study-1", "carol", 300);
        join(rows, "study-1", "alice", 100);
        join(rows, "study-1", "dave", 200);
        join(rows, "study-1", "bob", 200);
        join(rows, "other-room", "erin", 50);
        members.storeAll(rows);

        assertThat(rosters.load("study-1")).isEqualTo(new Roster("study-1", List.of("alice", "bob", "dave", "carol")));
        assertThat(rosters.load("other-room")).isEqualTo(new Roster("other-room", List.of("erin")));
    }

    @Test
    void when_a_room_has_no_membership_then_its_roster_is_null() {
        assertThat(rosters.load("empty-room")).isNull();
        assertThat(rosters.loadAll(List.of("empty-room", "also-empty"))).isEmpty();
        assertThat(rosters.loadAllKeys()).isNull();
    }

    @Test
    void when_loading_rosters_of_rooms_on_every_shard_then_each_has_its_own_members() {
        List<String> roomIds = ShardKeys.spread(pools.router(), "many", 5);
        Map<MemberKey, Membership> rows = new HashMap<>();
        for (int room = 0; room < roomIds.size(); room++) {
            for (int user = 0; user <= room % 3; user++) {
                join(rows, roomIds.get(room), "u-" + user, user);
            }
        }
        members.storeAll(rows);

        Map<String, Roster> loaded = rosters.loadAll(roomIds);

        assertThat(loaded).hasSize(20);
        for (int room = 0; room < roomIds.size(); room++) {
            List<String> expected = IntStream.rangeClosed(0, room % 3).mapToObj(user -> "u-" + user).toList();
            assertThat(loaded.get(roomIds.get(room))).isEqualTo(new Roster(roomIds.get(room), expected));
        }
    }

    private static void join(Map<MemberKey, Membership> rows, String roomId, String userId, long joinedAt) {
        rows.put(new MemberKey(roomId, userId), new Membership(roomId, userId, Role.MEMBER, joinedAt));
    }
}
