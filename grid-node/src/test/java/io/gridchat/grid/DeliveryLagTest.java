package io.gridchat.grid;

import static io.gridchat.grid.MemberSends.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.gridchat.model.MapNames;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.SendResult;
import io.gridchat.model.processor.DeliveryLag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member whose delivery job is paused (suspended here; starting or restarting after a member joined or left in
 * production) goes on accepting sends: its delivery lag refuses sends only while delivery routes but falls behind
 * (DeliveryLagVerdictTest), and the lag is gone once the job routes again.
 */
class DeliveryLagTest {
    private static final int MAX_LAG_MILLIS = 300;
    private static TestGrid grid;

    @BeforeAll
    static void start() {
        grid = TestGrid.start(1, Map.of("grid.maxDeliveryLagMillis", Integer.toString(MAX_LAG_MILLIS)));
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static HazelcastInstance hz() {
        return grid.member(0).instance();
    }

    @Test
    void when_the_delivery_job_is_paused_then_sends_are_accepted_and_the_lag_ends_when_it_routes_again() {
        String room = MemberSends.newRoom(hz(), "lag");
        DeliveryLag lag = (DeliveryLag) hz().getUserContext().get(DeliveryLag.USER_CONTEXT_KEY);
        assertThat(send(hz(), room, "first").outcome()).isEqualTo(SendOutcome.ACCEPTED);
        Awaitility.await("the first message routed").atMost(Duration.ofSeconds(30))
                .until(() -> lag.lagMillis() == 0);

        Job delivery = hz().getJet().getJob(MapNames.DELIVERY_JOB);
        delivery.suspend();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> delivery.getStatus() == JobStatus.SUSPENDED);
        // Within a second of its last routed batch a delivery is taken for slow, not paused.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(lag::paused);
        List<Long> accepted = new ArrayList<>();
        accepted.add(send(hz(), room, "waits").ref().seq());
        Awaitility.await("a lag past the limit").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    SendResult result = send(hz(), room, "while paused " + accepted.size());
                    assertThat(result.outcome()).as("accepted while delivery is paused")
                            .isEqualTo(SendOutcome.ACCEPTED);
                    accepted.add(result.ref().seq());
                    return lag.lagMillis() > MAX_LAG_MILLIS;
                });
        assertThat(lag.overLimit()).isTrue();

        delivery.resume();
        Awaitility.await("the lag gone once delivery routes again").atMost(Duration.ofSeconds(30))
                .until(() -> lag.lagMillis() == 0);
        assertThat(send(hz(), room, "after").outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(accepted).containsExactlyElementsOf(LongStream.rangeClosed(2, accepted.size() + 1).boxed().toList());
        RoomLog log = hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS).get(room);
        assertThat(log.lastSeq()).isEqualTo(accepted.size() + 2L);
    }
}
