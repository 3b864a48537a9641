package io.gridchat.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.EventJournalConfig;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.ReliableTopicConfig;
import com.hazelcast.config.RingbufferConfig;
import com.hazelcast.spi.properties.ClusterProperty;
import com.hazelcast.topic.TopicOverloadPolicy;
import io.gridchat.config.ClusterSettings;
import io.gridchat.config.GridSettings;
import io.gridchat.config.GridchatConfig;
import io.gridchat.mapstores.MapStoreProperties;
import io.gridchat.mapstores.ShardPools;
import io.gridchat.mapstores.friends.FriendListMapStore;
import io.gridchat.mapstores.friends.FriendRequestMapStore;
import io.gridchat.mapstores.messages.MessageHistory;
import io.gridchat.mapstores.messages.MessageMapStore;
import io.gridchat.mapstores.messages.RoomLogMapLoader;
import io.gridchat.mapstores.offline.OfflineMapStore;
import io.gridchat.mapstores.reads.ReadPositionMapStore;
import io.gridchat.mapstores.rooms.BanMapStore;
import io.gridchat.mapstores.rooms.MembershipMapStore;
import io.gridchat.mapstores.rooms.RoomMapStore;
import io.gridchat.mapstores.rooms.RoomTimerMapStore;
import io.gridchat.mapstores.rooms.RosterMapLoader;
import io.gridchat.mapstores.users.UserMapStore;
import io.gridchat.mapstores.users.UsernameMapStore;
import io.gridchat.model.MapNames;
import io.gridchat.model.processor.ActiveRoomsIndex;
import io.gridchat.model.processor.Backpressure;
import io.gridchat.model.processor.DeliveryLag;
import io.gridchat.model.processor.MemberReadiness;
import io.gridchat.model.processor.MessageArchive;
import io.gridchat.model.processor.StoredSeqs;
import io.gridchat.model.serial.ModelSerialization;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The member configuration: every map gridchat uses, its backups and how it reaches MySQL. Every map that
 * holds state not yet in MySQL has synchronous backups, and write-behind queues are backed up with it.
 */
final class MemberConfigFactory {
    private static final int PRESENCE_EVENTS_CAPACITY = 100_000;
    private static final String JET_IDLE_NONCOOPERATIVE = "hazelcast.jet.idle.noncooperative.max.microseconds";

    private MemberConfigFactory() {
    }

    static Config create(GridchatConfig settings, ShardPools pools, Backpressure backpressure,
                         DeliveryLag deliveryLag, MemberReadiness readiness) {
        Config config = new Config();
        ClusterSettings cluster = settings.cluster();
        config.setClusterName(cluster.name());
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        // GridNode shuts down itself, after flushing write-behind queues.
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // A backup drops a write-behind entry this long after its store time, stored by the primary or not: too
        // short, and a primary that dies while MySQL lags takes acked writes with it (WriteBehindLagTest).
        config.setProperty(ClusterProperty.MAP_REPLICA_SCHEDULED_TASK_DELAY_SECONDS.getName(),
                Integer.toString(settings.grid().backupHoldSeconds()));
        network(config.getNetworkConfig(), cluster);
        config.getJetConfig().setEnabled(true).setResourceUploadEnabled(false);
        // An idle non-cooperative Jet stage (the edge-inbox sink) parks at most this long before looking again
        // (Hazelcast's default 5 ms would add up to 5 ms to a delivery at low rates). Cooperative stages keep
        // Hazelcast's 500 us: at 200 us their idle loop alone cost a fifth of a core (RESULTS "Idle CPU").
        // A -D of the same name (MEMBER_JAVA_OPTS) wins over this default, as for every Hazelcast property.
        if (System.getProperty(JET_IDLE_NONCOOPERATIVE) == null) {
            config.setProperty(JET_IDLE_NONCOOPERATIVE, "1000");
        }
        // Metrics stay on so Management Center can attach; /metrics and logs expose the same views.
        config.getMetricsConfig().setEnabled(true);
        ModelSerialization.register(config.getSerializationConfig());

        ConcurrentMap<String, Object> userContext = new ConcurrentHashMap<>();
        userContext.put(ShardPools.USER_CONTEXT_KEY, pools);
        userContext.put(GridSettings.USER_CONTEXT_KEY, settings.grid());
        userContext.put(Backpressure.USER_CONTEXT_KEY, backpressure);
        userContext.put(DeliveryLag.USER_CONTEXT_KEY, deliveryLag);
        StoredSeqs storedSeqs = new StoredSeqs();
        userContext.put(StoredSeqs.USER_CONTEXT_KEY, storedSeqs);
        userContext.put(MessageArchive.USER_CONTEXT_KEY, new MessageHistory(pools));
        userContext.put(MemberReadiness.USER_CONTEXT_KEY, readiness);
        userContext.put(ActiveRoomsIndex.USER_CONTEXT_KEY, new ActiveRoomsIndex(settings.rooms().activeLimit()));
        config.setUserContext(userContext);

        GridSettings grid = settings.grid();
        config.addMapConfig(stored(MapNames.USERS, grid, new UserMapStore()));
        config.addMapConfig(preloaded(stored(MapNames.USERNAMES, grid, new UsernameMapStore())));
        config.addMapConfig(preloaded(stored(MapNames.ROOMS, grid, new RoomMapStore())));
        // Indexed by user: the rooms a user belongs to (presence visibility) without scanning every membership.
        config.addMapConfig(nestedOnly(preloaded(stored(MapNames.MEMBERS, grid, new MembershipMapStore())), grid)
                .addIndexConfig(new IndexConfig(IndexType.HASH, "userId")));
        config.addMapConfig(nestedOnly(preloaded(stored(MapNames.BANS, grid, new BanMapStore())), grid));
        config.addMapConfig(nestedOnly(preloaded(stored(MapNames.ROOM_TIMERS, grid, new RoomTimerMapStore())), grid));
        MapConfig messages = nestedOnly(stored(MapNames.MESSAGES, grid, new MessageMapStore(storedSeqs::stored)), grid);
        messages.setEventJournalConfig(new EventJournalConfig().setEnabled(true)
                .setCapacity(grid.journalCapacity()));
        config.addMapConfig(messages);
        config.addMapConfig(loaded(MapNames.ROOM_LOGS, grid, new RoomLogMapLoader()));
        config.addMapConfig(nestedOnly(loaded(MapNames.ROSTERS, grid, new RosterMapLoader()), grid));
        config.addMapConfig(preloaded(stored(MapNames.OFFLINE, grid, new OfflineMapStore())));
        config.addMapConfig(preloaded(stored(MapNames.READ_POSITIONS, grid, new ReadPositionMapStore())));
        config.addMapConfig(preloaded(stored(MapNames.FRIENDS, grid, new FriendListMapStore())));
        config.addMapConfig(stored(MapNames.FRIEND_REQUESTS, grid, new FriendRequestMapStore()));
        config.addMapConfig(nestedOnly(inMemory(MapNames.DEDUPE, grid), grid));
        config.addMapConfig(nestedOnly(inMemory(MapNames.ROOM_LIVE, grid), grid));
        config.addMapConfig(inMemory(MapNames.SESSIONS, grid));
        config.addMapConfig(inMemory(MapNames.EDGES, grid));
        // Per-entry TTLs (heartbeats renew them); expiry is how vanished connections turn offline.
        config.addMapConfig(inMemory(MapNames.PRESENCE, grid));
        config.addMapConfig(rateLimits(grid));
        config.addMapConfig(inMemory(MapNames.REVOKED_TOKENS, grid));
        config.addMapConfig(inMemory(MapNames.GRID_STATUS, grid));

        config.addRingBufferConfig(new RingbufferConfig(MapNames.EDGE_INBOX_PREFIX + "*")
                .setCapacity(grid.edgeInboxCapacity()).setBackupCount(grid.backupCount()));
        config.addReliableTopicConfig(new ReliableTopicConfig(MapNames.EDGE_INBOX_PREFIX + "*")
                .setTopicOverloadPolicy(TopicOverloadPolicy.DISCARD_OLDEST).setStatisticsEnabled(true));
        SplitBrainPolicies.apply(config);
        // Presence is best effort: a reader that fell behind skips ahead instead of blocking publishers.
        config.addRingBufferConfig(new RingbufferConfig(MapNames.PRESENCE_EVENTS)
                .setCapacity(PRESENCE_EVENTS_CAPACITY).setBackupCount(grid.backupCount()));
        config.addReliableTopicConfig(new ReliableTopicConfig(MapNames.PRESENCE_EVENTS)
                .setTopicOverloadPolicy(TopicOverloadPolicy.DISCARD_OLDEST).setStatisticsEnabled(true));
        config.addExecutorConfig(new ExecutorConfig(MapNames.ROOM_EXECUTOR)
                .setPoolSize(Math.max(4, Runtime.getRuntime().availableProcessors() * 2)));
        config.addExecutorConfig(new ExecutorConfig(MapNames.RANKING_EXECUTOR).setPoolSize(2));
        return config;
    }

    private static void network(NetworkConfig network, ClusterSettings cluster) {
        network.setPort(cluster.memberPort()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(cluster.bindAddress());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
    }

    /**
     * A map written only from inside entry processors of another map on the same partition (messages, dedupe,
     * members, rosters): its backups are sent asynchronously. A partition thread that waited for a nested
     * write's backup ack would wait on the other member's partition threads, which under load wait the same way
     * on it: the cluster stalls until backup timeouts (found by the fault harness on 3 members). Nothing is lost
     * by not waiting: the nested write's backup is sent before the outer processor's own backup, over the same
     * member-to-member connection, to the same partition thread of the backup member, which runs them in order;
     * the client's ack waits for the outer backup, so by then the backup member has applied both.
     */
    private static MapConfig nestedOnly(MapConfig map, GridSettings grid) {
        return map.setBackupCount(0).setAsyncBackupCount(grid.backupCount());
    }

    /**
     * Rate-limit windows: in memory only, per-entry TTLs set by the processors. Backups are asynchronous: a check
     * is on the path of every send, and waiting for a second member there would add a member-to-member round trip
     * to each; what a member crash can lose is the last few counts of a window that lasts a minute.
     */
    static MapConfig rateLimits(GridSettings grid) {
        return new MapConfig(MapNames.RATE_LIMITS).setBackupCount(0).setAsyncBackupCount(grid.backupCount());
    }

    private static MapConfig inMemory(String name, GridSettings grid) {
        return new MapConfig(name).setBackupCount(grid.backupCount()).setAsyncBackupCount(0);
    }

    /*
     * EAGER with loaders whose loadAllKeys() returns null: nothing is preloaded, but every partition's record
     * store is initialised when the member starts. Entry processors touch these maps from partition threads,
     * where a lazy first-touch key load would force a retry that a partition thread cannot wait for.
     */

    /*
     * Offload off: with Hazelcast's default, an operation on a map with a MapStore runs in steps that can give the
     * partition thread to other operations in between. Our processors write other maps of the same partition
     * (a send writes the message, then its counter); with the steps, sends racing a migration left a message
     * without its counter (seen in MemberJoinTest and in CI), and the next send had to move past it. Run in one
     * go, a processor's writes are one partition-local step. Write-behind stores never run on the operation
     * path; what runs there is a load on a miss, a single-row MySQL read.
     */

    /** Write-behind to MySQL; the queue is replicated to the backups and flushed on graceful shutdown. */
    private static MapConfig stored(String name, GridSettings grid, Object store) {
        MapStoreConfig storeConfig = new MapStoreConfig().setEnabled(true).setImplementation(store)
                .setWriteDelaySeconds(grid.writeDelaySeconds()).setWriteBatchSize(grid.writeBatchSize())
                .setWriteCoalescing(true).setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER)
                .setOffload(false);
        return inMemory(name, grid).setMapStoreConfig(storeConfig);
    }

    /**
     * A stored map that holds every row from the cluster's start (see {@code MapStoreProperties.preload}): its
     * misses, frequent on the join and connect paths (not a member, not banned, never read, no offline marks, no
     * friends) and on every registration and room creation (a new username or room id), are answered without a
     * MySQL read on the partition thread.
     */
    private static MapConfig preloaded(MapConfig stored) {
        stored.getMapStoreConfig().setProperty(MapStoreProperties.PRELOAD, "true");
        return stored;
    }

    /** Derived maps: filled from MySQL on first use, never written back. */
    private static MapConfig loaded(String name, GridSettings grid, Object loader) {
        MapStoreConfig storeConfig = new MapStoreConfig().setEnabled(true).setImplementation(loader)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.EAGER).setOffload(false);
        return inMemory(name, grid).setMapStoreConfig(storeConfig);
    }
}
