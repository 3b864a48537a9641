package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.AppendMessage;
import io.gridchat.model.processor.CreateRoom;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member whose heap is fuller after a garbage collection than grid.maxHeapPercent refuses sends, changing
 * nothing, instead of running out of memory. The bound is 1% here, which any member's live heap exceeds, so the
 * first collection the member sees turns sends away.
 */
class HeapBackpressureTest {
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        grid = TestGrid.start(1, Map.of("grid.maxHeapPercent", "1"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static HazelcastInstance hz() {
        return grid.member(0).instance();
    }

    @Test
    void when_the_heap_after_a_collection_is_above_the_bound_then_sends_are_refused_and_nothing_is_written() {
        String room = "heap" + System.nanoTime();
        hz().<String, Room>getMap(MapNames.ROOMS).executeOnKey(room,
                new CreateRoom(new Room(room, "r", RoomKind.GROUP, "", 0, "u1", 1L)));
        System.gc();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(room, "probe").outcome() == SendOutcome.OVERLOADED);
        long seqBefore = lastSeq(room);

        SendResult refused = send(room, "refused");

        assertThat(refused.outcome()).isEqualTo(SendOutcome.OVERLOADED);
        assertThat(refused.ref()).isNull();
        assertThat(lastSeq(room)).as("a refused send takes no seq").isEqualTo(seqBefore);
    }

    private static SendResult send(String room, String text) {
        return hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS).executeOnKey(room, new AppendMessage("u1", null, text));
    }

    private static long lastSeq(String room) {
        RoomLog log = hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS).get(room);
        return log == null ? 0 : log.lastSeq();
    }
}
