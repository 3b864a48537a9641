package io.gridchat.grid;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.jet.config.JobConfig;
import com.hazelcast.jet.config.ProcessingGuarantee;
import io.gridchat.config.GridchatConfig;
import io.gridchat.jet.delivery.DeliveryPipeline;
import io.gridchat.jet.delivery.EdgeInboxSink;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.Backpressure;
import io.gridchat.model.processor.DeliveryLag;
import io.gridchat.model.processor.MemberReadiness;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One grid member: its MySQL pools, the Hazelcast member and the delivery job. {@link #close()} is the
 * graceful shutdown: write-behind queues are flushed to MySQL before the member leaves. Thread-safe.
 */
public final class GridNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GridNode.class);
    /** Maps whose write-behind queues a graceful shutdown flushes. */
    static final List<String> STORED_MAPS = List.of(MapNames.USERS, MapNames.USERNAMES, MapNames.ROOMS,
            MapNames.MEMBERS, MapNames.BANS, MapNames.ROOM_TIMERS, MapNames.MESSAGES, MapNames.OFFLINE,
            MapNames.READ_POSITIONS, MapNames.FRIENDS, MapNames.FRIEND_REQUESTS);
    /** Maps backed by a MapStore or MapLoader. */
    static final List<String> LOADED_MAPS = Stream.concat(STORED_MAPS.stream(),
            Stream.of(MapNames.ROOM_LOGS, MapNames.ROSTERS)).toList();
    /** How often the delivery job's state is checked (a suspended job costs every recipient live delivery). */
    private static final long JOB_CHECK_MILLIS = 2_000;

    private final HazelcastInstance instance;
    private final ShardPools pools;
    private final UnsavedWatch unsaved;
    private volatile RoomUpkeep rooms;
    private volatile EdgeReaper edgeReaper;
    private volatile JobWatchdog delivery;

    private GridNode(HazelcastInstance instance, ShardPools pools, UnsavedWatch unsaved) {
        this.instance = instance;
        this.pools = pools;
        this.unsaved = unsaved;
    }

    public static GridNode start(GridchatConfig config) {
        ShardPools pools = new ShardPools(config.mysql());
        try {
            pools.migrate();
            Backpressure backpressure = new Backpressure(config.grid().maxUnsavedMessages(),
                    config.grid().maxHeapPercent() / 100.0);
            DeliveryLag deliveryLag = new DeliveryLag(config.grid().maxDeliveryLagMillis());
            MemberReadiness readiness = new MemberReadiness();
            HazelcastInstance instance = Hazelcast.newHazelcastInstance(MemberConfigFactory.create(config, pools,
                    backpressure, deliveryLag, readiness));
            GridNode node = new GridNode(instance, pools, UnsavedWatch.start(instance, backpressure, deliveryLag));
            node.initialiseLoaders();
            readiness.markReady();
            instance.getMap(MapNames.GRID_STATUS).set(MapNames.GRID_LOADED, System.currentTimeMillis());
            node.edgeReaper = EdgeReaper.register(instance, config.presence());
            PresenceReaper.register(instance, config.presence());
            node.rooms = RoomUpkeep.start(instance, config.rooms());
            node.submitDelivery(config.grid().deliverySnapshotMillis());
            LOG.info("grid member {} up in cluster {}", instance.getCluster().getLocalMember().getAddress(),
                    config.cluster().name());
            return node;
        } catch (RuntimeException e) {
            pools.close();
            throw new IllegalStateException("grid member failed to start: " + e.getMessage(), e);
        }
    }

    /** Creates every MapLoader-backed map now (EAGER), so no partition loads lazily under an entry processor. */
    private void initialiseLoaders() {
        for (String map : LOADED_MAPS) {
            instance.getMap(map).size();
        }
    }

    /**
     * At-least-once: after a member failure, or an error that suspended it ({@link JobWatchdog}), the job
     * resumes from its last snapshot's journal offsets, so no accepted message is skipped; edge nodes drop the
     * seqs they already delivered.
     */
    private void submitDelivery(int snapshotMillis) {
        JobConfig job = new JobConfig().setName(MapNames.DELIVERY_JOB)
                .setProcessingGuarantee(ProcessingGuarantee.AT_LEAST_ONCE)
                .setSnapshotIntervalMillis(snapshotMillis);
        delivery = JobWatchdog.start(instance,
                () -> DeliveryPipeline.build(DeliveryPipeline.journalSource(), EdgeInboxSink.sink()), job,
                JOB_CHECK_MILLIS);
    }

    public HazelcastInstance instance() {
        return instance;
    }

    /** Flushes every write-behind queue (cluster-wide) so MySQL holds all acknowledged state. */
    public void flush() {
        for (String map : STORED_MAPS) {
            instance.getMap(map).flush();
        }
    }

    /** Graceful stop: flush, leave the cluster (partitions migrate to the others), close the pools. */
    @Override
    public void close() {
        stopTimers();
        try {
            if (instance.getLifecycleService().isRunning()) {
                flush();
                instance.shutdown();
            }
        } finally {
            pools.close();
        }
    }

    /** Abrupt stop for fault tests: no flush, no migration handshake. */
    public void terminate() {
        stopTimers();
        try {
            instance.getLifecycleService().terminate();
        } finally {
            pools.close();
        }
    }

    private void stopTimers() {
        unsaved.close();
        if (rooms != null) {
            rooms.close();
        }
        if (edgeReaper != null) {
            edgeReaper.close();
        }
        if (delivery != null) {
            delivery.close();
        }
    }
}
