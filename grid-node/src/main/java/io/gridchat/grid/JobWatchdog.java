package io.gridchat.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.Job;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.core.JobStatus;
import com.hazelcast.jet.core.JobSuspensionCause;
import com.hazelcast.jet.pipeline.Pipeline;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a streaming job running. Jet ends a job for good when one of its processors throws; for the delivery
 * job that meant no live message reached anyone until a member restarted (seen when a ringbuffer batch limit
 * was hit). The job is submitted with suspend-on-failure, which keeps its last snapshot, and the cluster's oldest
 * member resumes it from there when an error suspended it (at-least-once: nothing accepted is skipped, edge
 * nodes drop what they already delivered), or submits it anew should it have failed anyway. Each time is logged
 * as an error with the cause. A job an operator suspended or cancelled is left alone (Jet reports a cancelled job
 * as failed; {@link Job#isUserCancelled()} tells the two apart). Thread-safe.
 */
final class JobWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobWatchdog.class);
    private static final long STATE_CHANGE_SECONDS = 10;
    private static final long STATE_POLL_MILLIS = 50;

    private final HazelcastInstance instance;
    private final String name;
    private final Supplier<Pipeline> pipeline;
    private final JobConfig config;
    private final ScheduledExecutorService timer;
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();

    private JobWatchdog(HazelcastInstance instance, Supplier<Pipeline> pipeline, JobConfig config) {
        this.instance = instance;
        this.name = config.getName();
        this.pipeline = pipeline;
        this.config = config.setSuspendOnFailure(true);
        this.timer = DaemonTimer.named("gridchat-job-watchdog-" + name);
    }

    /** Submits the job unless it runs already (the config must name it) and checks it every {@code periodMillis}. */
    static JobWatchdog start(HazelcastInstance instance, Supplier<Pipeline> pipeline, JobConfig config,
                             long periodMillis) {
        if (config.getName() == null) {
            throw new IllegalArgumentException("a watched job needs a name");
        }
        JobWatchdog watchdog = new JobWatchdog(instance, pipeline, config);
        watchdog.submit();
        watchdog.timer.scheduleWithFixedDelay(watchdog::check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return watchdog;
    }

    /** How often this member brought the job back. */
    int restarts() {
        return restarts.get();
    }

    /** How many checks have run to the end (whatever they found). */
    int checks() {
        return checks.get();
    }

    private void submit() {
        instance.getJet().newJobIfAbsent(pipeline.get(), config);
    }

    private void check() {
        try {
            if (!isOldestMember()) {
                return;
            }
            Job job = instance.getJet().getJob(name);
            JobStatus status = job == null ? null : job.getStatus();
            if (status == JobStatus.FAILED && !job.isUserCancelled()) {
                LOG.error("job '{}' failed; submitting it anew", name);
                submit();
                restarts.incrementAndGet();
            } else if (status == JobStatus.SUSPENDED) {
                JobSuspensionCause cause = job.getSuspensionCause();
                if (cause.dueToError()) {
                    LOG.error("job '{}' was suspended by an error; resuming it from its last snapshot: {}", name,
                            cause.errorCause());
                    job.resume();
                    restarts.incrementAndGet();
                    awaitLeaving(job, JobStatus.SUSPENDED);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The member is stopping, the job changed state meanwhile, or the cluster is between masters: next time.
            LOG.debug("job '{}' check failed: {}", name, e.toString());
        } finally {
            checks.incrementAndGet();
        }
    }

    /** Resuming is asynchronous: wait (on this timer's thread) so that the next check does not resume it again. */
    private static void awaitLeaving(Job job, JobStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STATE_CHANGE_SECONDS);
        while (job.getStatus() == status && System.nanoTime() < deadline) {
            Thread.sleep(STATE_POLL_MILLIS);
        }
    }

    private boolean isOldestMember() {
        Member oldest = instance.getCluster().getMembers().iterator().next();
        return oldest.localMember();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
