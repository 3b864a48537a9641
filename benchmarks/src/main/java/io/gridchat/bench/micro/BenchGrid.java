package io.gridchat.bench.micro;

import com.hazelcast.config.Config;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.gridchat.config.GridSettings;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.ActiveRoomsIndex;
import io.gridchat.model.serial.ModelSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Grid members in this JVM, configured as grid-node's MemberConfigFactory configures the maps a send touches
 * (rooms, room-logs, members, rosters, messages, dedupe, rate-limits): the same backups, write-behind settings,
 * coalescing, MapStore operations run in one go on the partition thread (offload off), messages event journal, and
 * GridSettings in the user context. What differs, and why:
 * <ul>
 *   <li>write-behind maps store into {@link NoopMapStore}, not MySQL: the partition thread still queues every
 *   write, but no database competes for the CPU;</li>
 *   <li>room-logs and rosters have no MapLoader: the benchmark room exists, so a loader would never be called;</li>
 *   <li>no Jet (no delivery job reading the journal), no sessions map, no edge inboxes.</li>
 * </ul>
 * MemberConfigFactory is package-private in grid-node and needs MySQL pools, hence this copy of its map part.
 * Not thread-safe; one per benchmark trial.
 */
final class BenchGrid implements AutoCloseable {
    private static final Duration SAFE_TIMEOUT = Duration.ofMinutes(1);
    private static final int ACTIVE_LIMIT = 200;
    private static final List<String> STORED_MAPS = List.of(MapNames.ROOMS, MapNames.MEMBERS, MapNames.MESSAGES);
    private final List<HazelcastInstance> members = new ArrayList<>();

    /** Starts {@code memberCount} members on 127.0.0.1 from {@code firstPort}, in a cluster of their own. */
    static BenchGrid start(int memberCount, int firstPort, GridSettings grid) throws InterruptedException {
        String clusterName = "gridchat-jmh-" + UUID.randomUUID();
        BenchGrid benchGrid = new BenchGrid();
        try {
            for (int i = 0; i < memberCount; i++) {
                benchGrid.members.add(Hazelcast.newHazelcastInstance(config(clusterName, firstPort, memberCount,
                        grid)));
            }
            benchGrid.awaitClusterSafe();
            // As GridNode does: create the stored maps now, so no partition thread meets a lazy first load.
            STORED_MAPS.forEach(map -> benchGrid.member(0).getMap(map).size());
            return benchGrid;
        } catch (RuntimeException | InterruptedException e) {
            benchGrid.close();
            throw e;
        }
    }

    /** Waits until every member has joined and no partition is migrating, so no measured call is retried. */
    private void awaitClusterSafe() throws InterruptedException {
        long deadline = System.nanoTime() + SAFE_TIMEOUT.toNanos();
        HazelcastInstance first = members.get(0);
        while (first.getCluster().getMembers().size() < members.size()
                || !first.getPartitionService().isClusterSafe()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster not safe within " + SAFE_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    HazelcastInstance member(int index) {
        return members.get(index);
    }

    /** Stops the members, the last started first, so no survivor keeps calling a member that left. */
    @Override
    public void close() {
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).shutdown();
        }
        members.clear();
    }

    private static Config config(String clusterName, int firstPort, int memberCount, GridSettings grid) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        network(config.getNetworkConfig(), firstPort, memberCount);
        config.getJetConfig().setEnabled(false);
        config.getMetricsConfig().setEnabled(true);
        ModelSerialization.register(config.getSerializationConfig());
        ConcurrentMap<String, Object> userContext = new ConcurrentHashMap<>();
        userContext.put(GridSettings.USER_CONTEXT_KEY, grid);
        // as on a member: a send notes its room for the active-rooms ranking
        userContext.put(ActiveRoomsIndex.USER_CONTEXT_KEY, new ActiveRoomsIndex(ACTIVE_LIMIT));
        config.setUserContext(userContext);

        config.addMapConfig(stored(MapNames.ROOMS, grid));
        config.addMapConfig(stored(MapNames.MEMBERS, grid));
        config.addMapConfig(stored(MapNames.MESSAGES, grid).setEventJournalConfig(new EventJournalConfig()
                .setEnabled(true).setCapacity(grid.journalCapacity())));
        config.addMapConfig(inMemory(MapNames.ROOM_LOGS, grid));
        config.addMapConfig(inMemory(MapNames.ROSTERS, grid));
        config.addMapConfig(inMemory(MapNames.DEDUPE, grid));
        // As MemberConfigFactory: no store, asynchronous backups.
        config.addMapConfig(new MapConfig(MapNames.RATE_LIMITS).setBackupCount(0)
                .setAsyncBackupCount(grid.backupCount()));
        return config;
    }

    private static void network(NetworkConfig network, int firstPort, int memberCount) {
        network.setPort(firstPort).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        for (int i = 0; i < memberCount; i++) {
            join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + (firstPort + i));
        }
    }

    private static MapConfig inMemory(String name, GridSettings grid) {
        return new MapConfig(name).setBackupCount(grid.backupCount()).setAsyncBackupCount(0);
    }

    private static MapConfig stored(String name, GridSettings grid) {
        MapStoreConfig store = new MapStoreConfig().setEnabled(true).setImplementation(new NoopMapStore())
                .setWriteDelaySeconds(grid.writeDelaySeconds()).setWriteBatchSize(grid.writeBatchSize())
                .setWriteCoalescing(true).setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                .setOffload(false);
        return inMemory(name, grid).setMapStoreConfig(store);
    }
}
