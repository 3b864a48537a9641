package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.pipeline.Pipeline;
import com.hazelcast.jet.pipeline.Sinks;
import io.gridchat.jet.delivery.DeliveryPipeline;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A streaming job whose processor throws is brought back from its last snapshot instead of staying dead: the
 * delivery job runs under this watchdog, and a test job over the same journal shows an error resumed.
 */
class JobWatchdogTest {
    private static final String ROOM = "watchdog-room";
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();
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

    @Test
    void the_delivery_job_is_suspended_not_failed_by_an_error_so_that_it_can_resume() {
        Job delivery = hz().getJet().getJob(MapNames.DELIVERY_JOB);

        assertThat(delivery).isNotNull();
        assertThat(delivery.getConfig().isSuspendOnFailure()).isTrue();
        assertThat(delivery.getConfig().getProcessingGuarantee()).isEqualTo(ProcessingGuarantee.AT_LEAST_ONCE);
    }

    @Test
    void when_a_processor_throws_then_the_job_resumes_from_its_snapshot_and_processes_what_came_after() {
        JobConfig config = new JobConfig().setName("watchdog-test")
                .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE).setSnapshotIntervalMillis(200);
        try (JobWatchdog watchdog = JobWatchdog.start(hz(), JobWatchdogTest::failingOnceOnSeq2, config, 200)) {
            send(1);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hz().getList("watchdog-out").contains(1L));

            send(2);
            send(3);

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                    hz().getList("watchdog-out").containsAll(List.of(2L, 3L)));
            assertThat(FAILED_ONCE).isTrue();
            assertThat(watchdog.restarts()).isGreaterThanOrEqualTo(1);
            assertThat(hz().getJet().getJob("watchdog-test").getStatus()).isEqualTo(JobStatus.RUNNING);
        } finally {
            hz().getJet().getJob("watchdog-test").cancel();
        }
    }

    @Test
    void a_job_an_operator_cancelled_stays_cancelled() {
        String name = "watchdog-cancelled";
        JobConfig config = new JobConfig().setName(name);
        try (JobWatchdog watchdog = JobWatchdog.start(hz(), JobWatchdogTest::idle, config, 100)) {
            Job job = hz().getJet().getJob(name);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus() == JobStatus.RUNNING);

            job.cancel();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> job.getStatus().isTerminal());
            int checked = watchdog.checks();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> watchdog.checks() >= checked + 3);

            assertThat(watchdog.restarts()).isZero();
            Job latest = hz().getJet().getJob(name);
            assertThat(latest.getId()).isEqualTo(job.getId());
            assertThat(latest.isUserCancelled()).isTrue();
        }
    }

    private static Pipeline idle() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(DeliveryPipeline.journalSource()).withoutTimestamps()
                .filter(message -> message.roomId().equals("no-such-room"))
                .writeTo(Sinks.noop());
        return pipeline;
    }

    private static void send(long seq) {
        hz().getMap(MapNames.MESSAGES).set(new MessageKey(ROOM, seq),
                new ChatMessage(ROOM, seq, ROOM + "-" + seq, "ann", "text " + seq, seq, null));
    }

    private static Pipeline failingOnceOnSeq2() {
        Pipeline pipeline = Pipeline.create();
        pipeline.readFrom(DeliveryPipeline.journalSource()).withoutTimestamps()
                .filter(message -> message.roomId().equals(ROOM))
                .map(message -> {
                    if (message.seq() == 2 && FAILED_ONCE.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure on seq 2");
                    }
                    return message.seq();
                })
                .writeTo(Sinks.list("watchdog-out"));
        return pipeline;
    }
}
