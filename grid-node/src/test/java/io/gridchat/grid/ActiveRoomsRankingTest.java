package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.ActiveRooms;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.processor.ActiveRoomsQuery;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.LeaveRoom;
import io.gridchat.model.processor.UpdateRoom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The active-rooms ranking each member keeps of the rooms it owns, told by the processors that seat users and
 * write messages, over three real members: what it lists, and that it follows the rooms when their partitions
 * move (a member killed, a member added).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActiveRoomsRankingTest {
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        grid = TestGrid.start(3, Map.of("rooms.activeRefreshMillis", "100"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    @Order(1)
    void seated_rooms_and_rooms_with_recent_messages_are_listed_by_live_users_then_messages() {
        String crowded = newRoom("crowded");
        String chatty = newRoom("chatty");
        String quiet = newRoom("quiet");
        seat(crowded, "ann", "c1");
        seat(crowded, "bob", "c2");
        seat(chatty, "cid", "c3");
        IntStream.range(0, 3).forEach(i -> send(chatty, "owner", "m" + i));

        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, ActiveRoom> listed = ranking();
            assertThat(listed).containsKeys(crowded, chatty).doesNotContainKey(quiet);
            assertThat(listed.get(crowded).liveUsers()).isEqualTo(2);
            assertThat(listed.get(chatty).liveUsers()).isEqualTo(1);
            assertThat(listed.get(chatty).recentMessages()).isEqualTo(3);
        });

        leave(crowded, "ann");
        leave(crowded, "bob");
        leave(chatty, "cid");
        rooms().executeOnKey(chatty, new UpdateRoom("owner", "chatty, renamed", null));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, ActiveRoom> listed = ranking();
            assertThat(listed).as("no one seated, no message: not active").doesNotContainKey(crowded);
            assertThat(listed.get(chatty).liveUsers()).isZero();
            assertThat(listed.get(chatty).recentMessages()).as("its messages keep it listed").isEqualTo(3);
            assertThat(listed.get(chatty).room().name()).isEqualTo("chatty, renamed");
        });
    }

    @Test
    @Order(2)
    void rooms_stay_listed_with_their_seats_when_their_member_dies_and_when_a_new_member_takes_them_over() {
        Map<String, Integer> seated = new HashMap<>();
        for (int i = 0; i < 24; i++) {
            String roomId = newRoom("moving" + i);
            int users = 1 + i % 3;
            for (int u = 0; u < users; u++) {
                seat(roomId, "user" + u, roomId + "-conn" + u);
            }
            seated.put(roomId, users);
        }
        awaitListed(seated);
        int victim = grid.ownerOf(seated.keySet().iterator().next());
        long victimsRooms = seated.keySet().stream().filter(roomId -> grid.ownerOf(roomId) == victim).count();
        assertThat(victimsRooms).as("rooms owned by the member about to die").isPositive();

        grid.kill(victim);
        awaitListed(seated);

        grid.addMember();
        TestGrid.awaitSafe(grid.members());
        long newcomersRooms = seated.keySet().stream()
                .filter(roomId -> grid.ownerOf(roomId) == grid.members().size() - 1).count();
        assertThat(newcomersRooms).as("rooms the new member took over").isPositive();
        awaitListed(seated);
    }

    private static void awaitListed(Map<String, Integer> seated) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, ActiveRoom> listed = ranking();
            seated.forEach((roomId, users) -> {
                assertThat(listed).as("listed: %s", roomId).containsKey(roomId);
                assertThat(listed.get(roomId).liveUsers()).as("live users of %s", roomId).isEqualTo(users);
            });
        });
    }

    /** Every member's ranking, merged as an edge node merges them (a member that just died answers nothing). */
    private static Map<String, ActiveRoom> ranking() throws InterruptedException {
        Map<String, ActiveRoom> merged = new HashMap<>();
        for (Future<ActiveRooms> answer : member().getExecutorService(MapNames.RANKING_EXECUTOR)
                .submitToAllMembers(new ActiveRoomsQuery(200)).values()) {
            try {
                answer.get().rooms().forEach(active -> merged.put(active.room().roomId(), active));
            } catch (ExecutionException memberLeft) {
                // as ActiveRoomList does: the others' rooms are still listed
            }
        }
        return merged;
    }

    private static String newRoom(String name) {
        String roomId = name + System.nanoTime();
        rooms().executeOnKey(roomId, new CreateRoom(new Room(roomId, name, RoomKind.STUDY, "",
                50, "owner", System.currentTimeMillis())));
        return roomId;
    }

    private static void seat(String roomId, String userId, String connectionId) {
        rooms().executeOnKey(roomId, new JoinRoom(userId, "edge-1", connectionId, 0));
    }

    private static void leave(String roomId, String userId) {
        rooms().executeOnKey(roomId, new LeaveRoom(userId));
    }

    private static void send(String roomId, String userId, String text) {
        member().<String, RoomLog>getMap(MapNames.ROOM_LOGS).executeOnKey(roomId, new AppendMessage(userId, null, text));
    }

    private static IMap<String, Room> rooms() {
        return member().getMap(MapNames.ROOMS);
    }

    private static HazelcastInstance member() {
        return grid.member(0).instance();
    }
}
