package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import io.gridchat.model.Connection;
import io.gridchat.model.EdgeEvent;
import io.gridchat.model.JoinOutcome;
import io.gridchat.model.JoinResult;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.Roster;
import io.gridchat.model.UserSessions;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.LeaveRoom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joining and leaving on the room's partition: a study room's capacity holds when many join at once (the check
 * and the insert are one partition step), and the {@code joined} and {@code left} events that JoinRoom and
 * LeaveRoom start there reach the inbox of the edge node holding the other members, in a small room (session
 * lookups from the partition) and in a large one (through the member's executor).
 */
class RoomMembershipTest {
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        grid = TestGrid.start(2, Map.of());
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    @Test
    void when_50_users_join_a_room_with_10_free_places_at_once_then_exactly_10_are_admitted() {
        HazelcastInstance first = grid.member(0).instance();
        HazelcastInstance second = grid.member(1).instance();
        String roomId = "study" + System.nanoTime();
        // capacity 11: the owner holds the first place, 10 are left
        first.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId,
                new CreateRoom(new Room(roomId, "algebra", RoomKind.STUDY, "exams", 11, "owner", 1L)));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(50);
        // callers on both members, so joins arrive over the network and locally at the same time
        List<CompletableFuture<JoinResult>> joins = IntStream.range(0, 50)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    HazelcastInstance caller = i % 2 == 0 ? first : second;
                    return caller.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom("user" + i));
                }, callers)).toList();
        go.countDown();
        List<JoinOutcome> outcomes;
        try {
            outcomes = joins.stream().map(CompletableFuture::join).map(JoinResult::outcome).toList();
        } finally {
            callers.shutdownNow();
        }

        assertThat(outcomes).filteredOn(JoinOutcome.JOINED::equals).hasSize(10);
        assertThat(outcomes).filteredOn(JoinOutcome.ROOM_FULL::equals).hasSize(40);
        List<String> admitted = IntStream.range(0, 50).filter(i -> outcomes.get(i) == JoinOutcome.JOINED)
                .mapToObj(i -> "user" + i).toList();
        assertThat(first.<String, Roster>getMap(MapNames.ROSTERS).get(roomId).userIds())
                .containsExactlyInAnyOrderElementsOf(concat("owner", admitted));
        assertThat(IntStream.range(0, 50).filter(i -> first.getMap(MapNames.MEMBERS)
                .containsKey(new MemberKey(roomId, "user" + i))).count()).isEqualTo(10);
    }

    /**
     * A join reads the room's roster, bans, seats, log and the user's read position straight from the record stores
     * of the room's partition, not by nested map operations (each a whole invocation on the partition thread):
     * the owner counts no get on those maps, and the join answers with what they hold.
     */
    @Test
    void when_a_user_joins_then_the_room_is_read_on_its_partition_without_nested_operations() {
        String roomId = "reads" + System.nanoTime();
        HazelcastInstance owner = grid.member(grid.ownerOf(roomId)).instance();
        owner.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId,
                new CreateRoom(new Room(roomId, "reads", RoomKind.STUDY, "", 10, "owner", 1L)));
        owner.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom("first"));
        owner.<MemberKey, ReadPosition>getMap(MapNames.READ_POSITIONS).set(new MemberKey(roomId, "second"),
                new ReadPosition(roomId, "second", 7, 7, 1L));
        List<String> readOnly = List.of(MapNames.ROSTERS, MapNames.BANS, MapNames.ROOM_LIVE, MapNames.ROOM_LOGS,
                MapNames.READ_POSITIONS, MapNames.MESSAGES);
        List<Long> getsBefore = readOnly.stream().map(name -> gets(owner, name)).toList();

        JoinResult joined = owner.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId,
                new JoinRoom("second", "edge-reads", "conn-reads", 20));

        assertThat(joined.outcome()).isEqualTo(JoinOutcome.JOINED);
        assertThat(joined.participants()).containsExactlyInAnyOrder("owner", "first", "second");
        assertThat(joined.readSeq()).isEqualTo(7);
        assertThat(readOnly.stream().map(name -> gets(owner, name)).toList()).isEqualTo(getsBefore);
        assertThat(owner.<String, Roster>getMap(MapNames.ROSTERS).get(roomId).userIds())
                .containsExactlyInAnyOrder("owner", "first", "second");
    }

    private static long gets(HazelcastInstance member, String mapName) {
        return member.getMap(mapName).getLocalMapStats().getGetOperationCount();
    }

    private static List<String> concat(String first, List<String> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void in_a_small_room_the_others_hear_who_joins_and_who_leaves() {
        HazelcastInstance member = grid.member(0).instance();
        String roomId = "small" + System.nanoTime();
        createGroup(member, roomId, "owner");
        List<EdgeEvent> inbox = connect(member, "owner", "edge-small");

        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom("newbie"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> inbox.stream()
                .anyMatch(event -> event.frame().contains("\"joined\"") && event.frame().contains("newbie")));
        assertThat(inbox.get(0).userIds()).containsExactly("owner");
        assertThat(inbox.get(0).watchUserId()).as("the others watch the newcomer's presence").isEqualTo("newbie");

        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new LeaveRoom("newbie"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> inbox.stream()
                .anyMatch(event -> event.frame().contains("\"left\"") && event.frame().contains("newbie")));
    }

    @Test
    void in_a_room_too_large_for_lookups_from_the_partition_the_others_still_hear_who_joins() {
        HazelcastInstance member = grid.member(1).instance();
        String roomId = "large" + System.nanoTime();
        createGroup(member, roomId, "owner");
        IntStream.range(0, 80).forEach(i ->
                member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom("member" + i)));
        List<EdgeEvent> inbox = connect(member, "member7", "edge-large");

        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId, new JoinRoom("latecomer"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> inbox.stream()
                .anyMatch(event -> event.frame().contains("\"joined\"") && event.frame().contains("latecomer")));
        assertThat(inbox).allSatisfy(event -> assertThat(event.userIds()).containsExactly("member7"));
    }

    private static void createGroup(HazelcastInstance member, String roomId, String owner) {
        member.<String, Room>getMap(MapNames.ROOMS).executeOnKey(roomId,
                new CreateRoom(new Room(roomId, "group", RoomKind.GROUP, "", 0, owner, 1L)));
    }

    /** Registers a connection of {@code userId} on {@code edgeId} and returns what that edge's inbox receives. */
    private static List<EdgeEvent> connect(HazelcastInstance member, String userId, String edgeId) {
        List<EdgeEvent> received = new CopyOnWriteArrayList<>();
        ITopic<Object> inbox = member.getReliableTopic(MapNames.edgeInbox(edgeId));
        inbox.addMessageListener(message -> {
            if (message.getMessageObject() instanceof EdgeEvent event) {
                received.add(event);
            }
        });
        member.getMap(MapNames.SESSIONS).set(userId, new UserSessions(userId,
                List.of(new Connection(edgeId, "c-" + userId, 1L))));
        return received;
    }
}
