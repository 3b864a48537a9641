package io.gridchat.edge;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientReliableTopicConfig;
import com.hazelcast.client.properties.ClientProperty;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.map.IMap;
import io.gridchat.config.ClusterSettings;
import io.gridchat.model.DedupeKey;
import io.gridchat.model.FriendList;
import io.gridchat.model.FriendRequest;
import io.gridchat.model.MapNames;
import io.gridchat.model.MemberKey;
import io.gridchat.model.Membership;
import io.gridchat.model.MessageRef;
import io.gridchat.model.OfflineMarks;
import io.gridchat.model.Presence;
import io.gridchat.model.RateWindow;
import io.gridchat.model.ReadPosition;
import io.gridchat.model.Room;
import io.gridchat.model.RoomLog;
import io.gridchat.model.RoomTimer;
import io.gridchat.model.Roster;
import io.gridchat.model.User;
import io.gridchat.model.UserSessions;
import io.gridchat.model.serial.ModelSerialization;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The edge node's Hazelcast client and typed handles on the maps it calls. It serves clients only while
 * connected to a grid whose maps finished loading: after a full restart, entry processors arriving during the
 * initial load fail on the members and can keep a member from finishing its start. Thread-safe.
 */
public final class Grid implements AutoCloseable {
    /**
     * Items one read of a topic ring returns at most. Each read waits its turn on a partition thread behind the
     * sends queued there, so under load the batch size decides how fast the node takes its inbox.
     */
    private static final int INBOX_READ_BATCH = 1000;
    private static final long LOADED_POLL_MILLIS = 200;
    private static final long RETRY_AFTER_MILLIS = 1_000;
    /**
     * Share of {@code edge.maxGridCallsInFlight} that client requests may fill. The rest is kept for the node's
     * own calls: its inbox and presence readers above all, whose next read was refused while sends filled every
     * slot, so an overloaded node stopped delivering what the grid had already accepted.
     */
    private static final int REQUEST_SHARE_PERCENT = 80;

    private final HazelcastInstance client;
    private final ExecutorService inboxExecutor;
    private final ScheduledExecutorService readiness;
    private final LongSupplier callsInFlight;
    private final long requestCallLimit;
    private final List<Runnable> onServing = new CopyOnWriteArrayList<>();
    private volatile boolean serving;

    private Grid(HazelcastInstance client, ExecutorService inboxExecutor, int maxCallsInFlight) {
        this.client = client;
        this.inboxExecutor = inboxExecutor;
        this.callsInFlight = CallsInFlight.of(client);
        this.requestCallLimit = requestCallLimit(maxCallsInFlight);
        this.readiness = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, client.getName() + "-readiness");
            thread.setDaemon(true);
            return thread;
        });
        client.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.CLIENT_CONNECTED) {
                awaitLoaded();
            } else if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
                serving = false;
            }
        });
        awaitLoaded();
    }

    private void awaitLoaded() {
        if (serving || readiness.isShutdown()) {
            return;
        }
        Futures.call(() -> client.<String, Long>getMap(MapNames.GRID_STATUS).getAsync(MapNames.GRID_LOADED))
                .whenComplete((loaded, failure) -> {
                    if (loaded != null && !serving) {
                        serving = true;
                        onServing.forEach(Runnable::run);
                    } else if (loaded == null && !readiness.isShutdown()) {
                        readiness.schedule(this::awaitLoaded, LOADED_POLL_MILLIS, TimeUnit.MILLISECONDS);
                    }
                });
    }

    /** Runs {@code action} each time the node starts serving again (after a full grid restart, say). */
    public void onServing(Runnable action) {
        onServing.add(action);
    }

    /** Connected to a grid whose maps are loaded: a volatile read, cheap enough for every frame. */
    public boolean serving() {
        return serving;
    }

    /**
     * Refuses a client request with UNAVAILABLE while the grid is away or still loading, and while the node's
     * calls in flight are past the requests' share of {@code edge.maxGridCallsInFlight}.
     */
    public void checkServing() {
        if (!serving) {
            throw new ClientError(ErrorCode.UNAVAILABLE, "the grid is starting or unreachable; try again",
                    RETRY_AFTER_MILLIS);
        }
        if (callsInFlight.getAsLong() >= requestCallLimit) {
            throw new ClientError(ErrorCode.UNAVAILABLE, "server busy, try again", RETRY_AFTER_MILLIS);
        }
    }

    /** Calls in flight past which client requests are refused (the rest of the limit is the node's own). */
    static long requestCallLimit(int maxCallsInFlight) {
        return (long) maxCallsInFlight * REQUEST_SHARE_PERCENT / 100;
    }

    public static Grid connect(ClusterSettings cluster, int maxCallsInFlight, String instanceName) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster.name());
        config.setInstanceName(instanceName);
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        // A call that cannot reach the grid fails within this time, so clients get UNAVAILABLE, not silence.
        config.setProperty("hazelcast.client.invocation.timeout.seconds", "15");
        // The client waits for the backups' acks itself: without them in time a call fails (the client gets
        // UNAVAILABLE and resends) rather than being acknowledged with no backup holding it.
        config.setProperty(ClientProperty.FAIL_ON_INDETERMINATE_OPERATION_STATE.getName(), "true");
        // Past this many waiting calls a new one fails at once (HazelcastOverloadException, UNAVAILABLE to the
        // client): a backlog only grows once the grid is behind, and the client's own bookkeeping scans every
        // waiting call ten times a second, so an unbounded backlog made an overloaded node collapse. Requests
        // are refused before, at their share (checkServing), so the node's own calls find slots.
        config.setProperty(ClientProperty.MAX_CONCURRENT_INVOCATIONS.getName(), Integer.toString(maxCallsInFlight));
        config.getNetworkConfig().setAddresses(cluster.members()).setSmartRouting(true);
        // Never give up on the grid: while it is away the node answers UNAVAILABLE and /health/ready is 503.
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(-1);
        config.getMetricsConfig().setEnabled(true);
        ModelSerialization.register(config.getSerializationConfig());
        // Inbox and presence events are read by one thread, in order; without an executor the client starts a
        // thread per batch.
        ExecutorService inboxExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, instanceName + "-inbox");
            thread.setDaemon(true);
            return thread;
        });
        config.addReliableTopicConfig(new ClientReliableTopicConfig(MapNames.EDGE_INBOX_PREFIX + "*")
                .setExecutor(inboxExecutor).setReadBatchSize(INBOX_READ_BATCH));
        config.addReliableTopicConfig(new ClientReliableTopicConfig(MapNames.PRESENCE_EVENTS)
                .setExecutor(inboxExecutor).setReadBatchSize(INBOX_READ_BATCH));
        try {
            HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
            ModelSerialization.learnSchemas(client);
            return new Grid(client, inboxExecutor, maxCallsInFlight);
        } catch (RuntimeException e) {
            inboxExecutor.shutdownNow();
            throw e;
        }
    }

    /** The one thread that runs the topic listeners (inbox, presence), in order. */
    Executor topicListenerThread() {
        return inboxExecutor;
    }

    public HazelcastInstance client() {
        return client;
    }

    public boolean isReady() {
        return serving && client.getLifecycleService().isRunning() && !client.getCluster().getMembers().isEmpty();
    }

    public IMap<String, User> users() {
        return client.getMap(MapNames.USERS);
    }

    public IMap<String, String> usernames() {
        return client.getMap(MapNames.USERNAMES);
    }

    public IMap<String, Room> rooms() {
        return client.getMap(MapNames.ROOMS);
    }

    public IMap<String, RoomLog> roomLogs() {
        return client.getMap(MapNames.ROOM_LOGS);
    }

    public IMap<String, RoomTimer> roomTimers() {
        return client.getMap(MapNames.ROOM_TIMERS);
    }

    public IMap<MemberKey, Membership> members() {
        return client.getMap(MapNames.MEMBERS);
    }

    public IMap<String, Roster> rosters() {
        return client.getMap(MapNames.ROSTERS);
    }

    public IMap<String, UserSessions> sessions() {
        return client.getMap(MapNames.SESSIONS);
    }

    public IMap<String, OfflineMarks> offline() {
        return client.getMap(MapNames.OFFLINE);
    }

    public IMap<String, Presence> presence() {
        return client.getMap(MapNames.PRESENCE);
    }

    public IMap<MemberKey, ReadPosition> readPositions() {
        return client.getMap(MapNames.READ_POSITIONS);
    }

    public IMap<String, FriendList> friends() {
        return client.getMap(MapNames.FRIENDS);
    }

    public IMap<String, FriendRequest> friendRequests() {
        return client.getMap(MapNames.FRIEND_REQUESTS);
    }

    public IMap<DedupeKey, MessageRef> dedupe() {
        return client.getMap(MapNames.DEDUPE);
    }

    public IMap<String, RateWindow> rateLimits() {
        return client.getMap(MapNames.RATE_LIMITS);
    }

    public IMap<String, Long> edges() {
        return client.getMap(MapNames.EDGES);
    }

    public IMap<String, Long> revokedTokens() {
        return client.getMap(MapNames.REVOKED_TOKENS);
    }

    public IExecutorService roomExecutor() {
        return client.getExecutorService(MapNames.ROOM_EXECUTOR);
    }

    public IExecutorService rankingExecutor() {
        return client.getExecutorService(MapNames.RANKING_EXECUTOR);
    }

    @Override
    public void close() {
        readiness.shutdownNow();
        client.shutdown();
        inboxExecutor.shutdownNow();
    }
}
