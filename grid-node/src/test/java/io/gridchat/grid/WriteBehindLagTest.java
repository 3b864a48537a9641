package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.mapstores.TcpProxy;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import io.gridchat.model.processor.JoinRoom;
import io.gridchat.model.processor.ReadMessages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A backup keeps a write-behind entry only for a while after its store time (Hazelcast's
 * {@code hazelcast.map.replica.scheduled.task.delay.seconds}, 10 s by default), trusting the primary to have
 * stored it by then. When MySQL lags longer than that and the primary dies, the promoted backup has nothing left
 * to store: acked messages never reach MySQL. gridchat holds backups for {@code grid.backupHoldSeconds}. And an
 * evicted message still queued for MySQL is readable nowhere, so messages leave memory only once stored.
 */
class WriteBehindLagTest {
    /** Past Hazelcast's default hold (10 s) plus the write delay and the store worker's one-second period. */
    private static final Duration LAG_PAST_DEFAULT_HOLD = Duration.ofSeconds(14);

    @Test
    void when_mysql_lags_past_hazelcasts_default_backup_hold_and_the_owner_dies_then_every_acked_message_is_stored()
            throws Exception {
        withGridBehindProxy(Map.of(), (grid, proxy, realShards) -> {
            HazelcastInstance hz = grid.member(0).instance();
            String room = roomOf(hz);
            assertThat(send(hz, room, "before the lag").outcome()).isEqualTo(SendOutcome.ACCEPTED);
            grid.member(0).flush();

            proxy.cut();
            for (int i = 2; i <= 30; i++) {
                assertThat(send(hz, room, "during the lag " + i).ref().seq()).isEqualTo(i);
            }
            // Time itself is the fault here: the backup's copy must outlive the default hold.
            Thread.sleep(LAG_PAST_DEFAULT_HOLD.toMillis());
            killOwnerThenExpectStored(grid, proxy, realShards, room, 30);
        });
    }

    @Test
    void when_mysql_is_unreachable_then_messages_past_the_window_stay_in_memory_and_readable_until_stored()
            throws Exception {
        withGridBehindProxy(Map.of("grid.recentMessages", "20"), (grid, proxy, realShards) -> {
            HazelcastInstance hz = grid.member(0).instance();
            String room = roomOf(hz);
            proxy.cut();
            for (int i = 1; i <= 60; i++) {
                assertThat(send(hz, room, "m" + i).ref().seq()).isEqualTo(i);
            }
            assertThat(grid.messagesInMemory(room)).as("nothing unsaved leaves memory").isEqualTo(60);
            assertThat(readAll(hz, room)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());

            proxy.restore();
            Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> grid.storedUpTo(room) == 60);
            assertThat(grid.storedSeqs(room, realShards))
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
        });
    }

    @Test
    void when_sends_slide_the_window_while_mysql_lags_and_the_owner_dies_then_every_acked_message_is_stored()
            throws Exception {
        // With a window of 5, the sends below would evict messages stored a moment ago, which the backup still
        // queues (Hazelcast treats an eviction as a flush request, and a backup serves one by discarding its
        // queue); the unsaved messages queued behind them must survive on the backup.
        withGridBehindProxy(Map.of("grid.recentMessages", "5"), (grid, proxy, realShards) -> {
            HazelcastInstance hz = grid.member(0).instance();
            String room = roomOf(hz);
            for (int i = 1; i <= 20; i++) {
                assertThat(send(hz, room, "stored " + i).ref().seq()).isEqualTo(i);
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> grid.storedUpTo(room) == 20);

            proxy.cut();
            for (int i = 21; i <= 40; i++) {
                assertThat(send(hz, room, "unsaved " + i).ref().seq()).isEqualTo(i);
            }
            // The backups' store workers run once a second: give a wrongly dropped queue time to be dropped.
            Thread.sleep(2000);
            killOwnerThenExpectStored(grid, proxy, realShards, room, 40);
        });
    }

    /** Kills the room's owner, brings MySQL back, and expects exactly seqs 1..count stored. */
    private static void killOwnerThenExpectStored(TestGrid grid, TcpProxy proxy, List<String> realShards,
                                                  String room, int count) {
        grid.kill(grid.ownerOf(room));
        proxy.restore();
        Awaitility.await().atMost(Duration.ofSeconds(90)).until(() ->
                grid.storedSeqs(room, realShards).size() >= count);
        assertThat(grid.storedSeqs(room, realShards))
                .containsExactlyElementsOf(LongStream.rangeClosed(1, count).boxed().toList());
    }

    private interface GridTest {
        void run(TestGrid grid, TcpProxy proxy, List<String> realShards) throws Exception;
    }

    /** Two members whose every shard is reached through one proxy in front of MariaDB. */
    private static void withGridBehindProxy(Map<String, String> extra, GridTest test) throws Exception {
        Map<String, String> overrides = TestGrid.overrides("wblag", 3);
        overrides.putAll(extra);
        List<String> realShards = Arrays.asList(overrides.get("mysql.shards").split(","));
        int mariaDbPort = Integer.parseInt(realShards.get(0).replaceFirst("^jdbc:mysql://[^:]+:(\\d+)/.*$", "$1"));
        try (TcpProxy proxy = new TcpProxy(mariaDbPort)) {
            List<String> proxied = new ArrayList<>();
            realShards.forEach(url -> proxied.add(url.replaceFirst(":\\d+/", ":" + proxy.port() + "/")));
            overrides.put("mysql.shards", String.join(",", proxied));
            try (TestGrid grid = TestGrid.startWith(2, overrides)) {
                test.run(grid, proxy, realShards);
            } finally {
                proxy.restore(); // before the grid's graceful close, which flushes
            }
        }
    }

    private static String roomOf(HazelcastInstance hz) {
        String room = "room" + System.nanoTime();
        hz.<String, Room>getMap(MapNames.ROOMS).executeOnKey(room,
                new CreateRoom(new Room(room, "r", RoomKind.GROUP, "", 0, "u1", 1L)));
        hz.<String, Room>getMap(MapNames.ROOMS).executeOnKey(room, new JoinRoom("u1"));
        return room;
    }

    private static List<Long> readAll(HazelcastInstance hz, String room) throws Exception {
        ReadMessages task = ReadMessages.after(room, "u1", 0, 1000);
        return hz.getExecutorService(MapNames.ROOM_EXECUTOR).submitToKeyOwner(task, room).get().messages().stream()
                .map(ChatMessage::seq).toList();
    }

    private static SendResult send(HazelcastInstance hz, String room, String text) {
        return hz.<String, RoomLog>getMap(MapNames.ROOM_LOGS).executeOnKey(room, new AppendMessage("u1", null, text));
    }
}
