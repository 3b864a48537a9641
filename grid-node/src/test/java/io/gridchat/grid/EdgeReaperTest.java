package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.Connection;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.UserSessions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An edge node's heartbeat entry in {@code edges} lives for three beats; when it runs out the grid drops the
 * node's connections within about a second (not when Hazelcast's expiry sweep comes by, which on a loaded
 * member was up to ~20 s later), and their users left without a connection go offline; a node that keeps
 * beating keeps them.
 */
class EdgeReaperTest {
    private static final int TTL_SECONDS = 2;
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        grid = TestGrid.start(1, Map.of());
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static HazelcastInstance hz() {
        return grid.member(0).instance();
    }

    private static String connectOne(String edgeId) {
        String userId = "u" + System.nanoTime();
        hz().<String, UserSessions>getMap(MapNames.SESSIONS).set(userId,
                new UserSessions(userId, List.of(new Connection(edgeId, "c" + System.nanoTime(), 1L))));
        return userId;
    }

    private static boolean connected(String userId, String edgeId) {
        UserSessions sessions = hz().<String, UserSessions>getMap(MapNames.SESSIONS).get(userId);
        return sessions != null && sessions.connections().stream().anyMatch(c -> c.edgeId().equals(edgeId));
    }

    @Test
    void a_dead_edge_nodes_connections_go_within_seconds_of_its_heartbeat_ttl() {
        String edgeId = "dead" + System.nanoTime();
        String userId = connectOne(edgeId);
        hz().<String, Long>getMap(MapNames.EDGES).put(edgeId, System.currentTimeMillis(), TTL_SECONDS,
                TimeUnit.SECONDS);
        long ttlEnds = System.nanoTime() + TimeUnit.SECONDS.toNanos(TTL_SECONDS);

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !connected(userId, edgeId));
        assertThat(Duration.ofNanos(System.nanoTime() - ttlEnds)).as("dropped after the TTL ran out")
                .isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void users_left_without_a_connection_turn_offline_with_the_node_not_when_their_presence_expires() {
        String edgeId = "gone" + System.nanoTime();
        String alone = connectOne(edgeId);
        String elsewhere = connectOne(edgeId);
        hz().<String, UserSessions>getMap(MapNames.SESSIONS).set(elsewhere, new UserSessions(elsewhere, List.of(
                new Connection(edgeId, "c1", 1L), new Connection("other" + edgeId, "c2", 1L))));
        IMap<String, Presence> presence = hz().getMap(MapNames.PRESENCE);
        long lastBeat = System.currentTimeMillis() - 500;
        for (String userId : List.of(alone, elsewhere)) {
            // a presence TTL far beyond the test: only the edge node's death can turn them offline in time
            presence.put(userId, new Presence(userId, PresenceStatus.ONLINE, lastBeat, lastBeat), 10, TimeUnit.MINUTES);
        }
        List<PresenceChange> announced = new CopyOnWriteArrayList<>();
        hz().<PresenceChange>getReliableTopic(MapNames.PRESENCE_EVENTS).addMessageListener(message -> {
            if (List.of(alone, elsewhere).contains(message.getMessageObject().userId())) {
                announced.add(message.getMessageObject());
            }
        });
        hz().<String, Long>getMap(MapNames.EDGES).put(edgeId, System.currentTimeMillis(), TTL_SECONDS,
                TimeUnit.SECONDS);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !announced.isEmpty());
        assertThat(announced).containsExactly(new PresenceChange(alone, PresenceStatus.ONLINE, PresenceStatus.OFFLINE,
                lastBeat));
        assertThat(presence.get(alone).status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(presence.get(alone).lastSeen()).as("last seen at the last heartbeat").isEqualTo(lastBeat);
        assertThat(presence.get(elsewhere).status()).as("still connected to another node")
                .isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void an_edge_node_that_keeps_beating_keeps_its_connections() throws InterruptedException {
        String edgeId = "live" + System.nanoTime();
        String userId = connectOne(edgeId);
        IMap<String, Long> edges = hz().getMap(MapNames.EDGES);
        for (int beat = 0; beat < 4 * TTL_SECONDS * 2; beat++) {
            edges.put(edgeId, System.currentTimeMillis(), TTL_SECONDS, TimeUnit.SECONDS);
            Thread.sleep(500); // the beat period itself: what is tested is that a node beating this often stays
            assertThat(connected(userId, edgeId)).as("after beat %d", beat).isTrue();
        }
        edges.delete(edgeId);
    }
}
