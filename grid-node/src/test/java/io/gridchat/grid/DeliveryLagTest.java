package io.gridchat.grid;

import static io.gridchat.grid.MemberSends.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.core.JobStatus;
import io.gridchat.model.MapNames;
import io.gridchat.model.RoomLog;
import io.gridchat.model.SendOutcome;
import io.gridchat.model.processor.DeliveryLag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member whose delivery falls further behind its sends than grid.maxDeliveryLagMillis refuses sends (changing
 * nothing) until delivery has caught up, instead of accepting messages that reach their readers ever later.
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
    void when_delivery_stops_keeping_up_then_sends_are_refused_until_it_caught_up() {
        String room = MemberSends.newRoom(hz(), "lag");
        DeliveryLag lag = (DeliveryLag) hz().getUserContext().get(DeliveryLag.USER_CONTEXT_KEY);
        assertThat(send(hz(), room, "first").outcome()).isEqualTo(SendOutcome.ACCEPTED);
        Awaitility.await("the first message routed").atMost(Duration.ofSeconds(30))
                .until(() -> lag.lagMillis() == 0 && !lag.stalled());

        Job delivery = hz().getJet().getJob(MapNames.DELIVERY_JOB);
        delivery.suspend();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> delivery.getStatus() == JobStatus.SUSPENDED);
        List<Long> accepted = MemberSends.acceptedUntilRefused(hz(), room, Duration.ofSeconds(5));
        assertThat(lag.lagMillis()).isGreaterThan(MAX_LAG_MILLIS);
        assertThat(send(hz(), room, "still refused").outcome()).isEqualTo(SendOutcome.OVERLOADED);

        delivery.resume();
        Awaitility.await("accepted once delivery caught up").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> send(hz(), room, "after").outcome() == SendOutcome.ACCEPTED);
        assertThat(lag.lagMillis()).isLessThanOrEqualTo(MAX_LAG_MILLIS);
        assertThat(accepted).containsExactlyElementsOf(LongStream.rangeClosed(2, accepted.size() + 1).boxed().toList());
        RoomLog log = hz().<String, RoomLog>getMap(MapNames.ROOM_LOGS).get(room);
        assertThat(log.lastSeq()).as("refused sends left no gap").isEqualTo(accepted.size() + 2L);
    }
}
