package io.gridchat.grid;

import static io.gridchat.grid.MemberSends.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.model.MapNames;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member whose write-behind backlog passes grid.maxUnsavedMessages refuses sends (changing nothing) until
 * MySQL has caught up, instead of growing without bound.
 */
class BackpressureTest {
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        // A write delay longer than the test: nothing drains until the test flushes.
        grid = TestGrid.start(1, Map.of("grid.maxUnsavedMessages", "40", "grid.writeDelaySeconds", "300"));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static HazelcastInstance hz() {
        return grid.member(0).instance();
    }

    @Test
    void when_unsaved_messages_pass_the_bound_then_sends_are_refused_until_mysql_catches_up() {
        String room = MemberSends.newRoom(hz(), "bp");
        List<Long> accepted = MemberSends.acceptedUntilRefused(hz(), room, Duration.ofSeconds(20));
        assertThat(accepted.size()).isGreaterThan(40);
        assertThat(accepted).containsExactlyElementsOf(LongStream.rangeClosed(1, accepted.size()).boxed().toList());
        assertThat(send(hz(), room, "still refused").outcome()).isEqualTo(SendOutcome.OVERLOADED);

        grid.member(0).flush();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> send(hz(), room, "after").outcome() == SendOutcome.ACCEPTED);
        RoomLog log = hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS).get(room);
        assertThat(log.lastSeq()).as("refused sends left no gap").isEqualTo(accepted.size() + 1L);
    }
}
