package io.gridchat.edge;

import io.gridchat.config.GridchatConfig;
import io.gridchat.edge.auth.AccountService;
import io.gridchat.edge.auth.PasswordHasher;
import io.gridchat.edge.auth.RevokedTokens;
import io.gridchat.edge.auth.TokenService;
import io.gridchat.edge.delivery.InboxLag;
import io.gridchat.edge.delivery.InboxListener;
import io.gridchat.edge.delivery.OfflinePush;
import io.gridchat.edge.delivery.TopicSubscription;
import io.gridchat.edge.friends.FriendService;
import io.gridchat.edge.messages.MessageService;
import io.gridchat.edge.presence.PresenceHub;
import io.gridchat.edge.presence.PresenceListener;
import io.gridchat.edge.presence.PresenceService;
import io.gridchat.edge.ratelimit.FailedLogins;
import io.gridchat.edge.ratelimit.RateLimiter;
import io.gridchat.edge.receipts.ReceiptService;
import io.gridchat.edge.rooms.ActiveRoomList;
import io.gridchat.edge.rooms.RoomModeration;
import io.gridchat.edge.rooms.RoomService;
import io.gridchat.edge.typing.TypingRelay;
import io.gridchat.edge.ws.LocalConnections;
import io.gridchat.edge.ws.SessionRegistry;
import io.gridchat.edge.ws.TokenWatch;
import io.gridchat.model.MapNames;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One edge node: a Hazelcast client of the grid, its inbox listener and the Jetty server. Thread-safe.
 */
public final class EdgeNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EdgeNode.class);
    /** Threads writing frames to sockets (see {@code Outbound}): the inbox thread only queues them. */
    private static final int FRAME_WRITER_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final EdgeServices services;
    private final LocalConnections connections;
    private final List<ExecutorService> executors;
    private final List<TopicSubscription<?>> subscriptions;
    private final EdgeHeartbeat heartbeat;
    private final TokenWatch tokenWatch;
    private final EdgeServer server;

    private EdgeNode(EdgeServices services, LocalConnections connections, List<ExecutorService> executors,
                     List<TopicSubscription<?>> subscriptions, EdgeHeartbeat heartbeat, TokenWatch tokenWatch,
                     EdgeServer server) {
        this.services = services;
        this.connections = connections;
        this.executors = executors;
        this.subscriptions = subscriptions;
        this.heartbeat = heartbeat;
        this.tokenWatch = tokenWatch;
        this.server = server;
    }

    public static EdgeNode start(GridchatConfig config) {
        String edgeId = config.edge().id().isEmpty() ? Ids.newId('e') : config.edge().id();
        Grid grid = Grid.connect(config.cluster(), config.edge().maxGridCallsInFlight(), "edge-" + edgeId);
        ExecutorService blockingExecutor = Executors.newFixedThreadPool(config.edge().gridCallThreads(),
                namedThreads("edge-blocking-"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(namedThreads("edge-timer-"));
        ExecutorService frameWriters = Executors.newFixedThreadPool(FRAME_WRITER_THREADS,
                namedThreads("edge-writer-"));
        try {
            LocalConnections connections = new LocalConnections();
            EdgeMetrics metrics = new EdgeMetrics(connections::count);
            TokenService tokens = new TokenService(config.auth().tokenSecret(), config.auth().previousTokenSecrets(),
                    config.auth().tokenTtlSeconds(), Clock.systemUTC());
            AccountService accounts = new AccountService(grid, new PasswordHasher(config.auth().pbkdf2Iterations()),
                    tokens, blockingExecutor);
            TypingRelay typing = new TypingRelay(grid, timer, config.edge().typingExpirySeconds() * 1000L);
            PresenceHub presenceHub = new PresenceHub(config.presence().maxWatchedUsers());
            PresenceService presence = new PresenceService(grid, config.presence(), presenceHub, blockingExecutor);
            RateLimiter rateLimits = new RateLimiter(grid.rateLimits(), config.limits(), timer, metrics::rateLimitCall);
            InboxLag inboxLag = new InboxLag(config.edge().maxInboxLagMillis(), System::currentTimeMillis);
            EdgeServices services = new EdgeServices(edgeId, grid, tokens,
                    new RevokedTokens(grid, Clock.systemUTC()), accounts,
                    new RoomService(grid, edgeId, config.limits()), new ActiveRoomList(grid, config.rooms()),
                    new RoomModeration(grid, config.limits()),
                    new MessageService(grid, config.limits(), config.grid(), rateLimits, inboxLag), typing, presence,
                    new ReceiptService(grid, timer), new FriendService(grid, blockingExecutor), rateLimits,
                    new FailedLogins(rateLimits), config.limits(), metrics, frameWriters);
            List<TopicSubscription<?>> subscriptions = List.of(
                    new TopicSubscription<>(grid.client(), MapNames.edgeInbox(edgeId),
                            new InboxListener(connections, metrics, presenceHub, inboxLag), timer,
                            () -> metrics.readerRenewed("inbox")),
                    new TopicSubscription<>(grid.client(), MapNames.PRESENCE_EVENTS,
                            new PresenceListener(presenceHub), timer, () -> metrics.readerRenewed("presence")));
            OfflinePush offline = new OfflinePush(grid, services.messages(), config.grid().offlinePushLimit());
            // A node restarting under the same id must not inherit the connections of its previous life.
            presence.dropEdge(edgeId);
            EdgeHeartbeat heartbeat = new EdgeHeartbeat(grid, edgeId, config.edge().heartbeatSeconds(), timer);
            TokenWatch tokenWatch = new TokenWatch(grid, connections, timer, blockingExecutor, Clock.systemUTC());
            SessionRegistry sessions = new SessionRegistry(grid, edgeId, connections, offline, presence, timer,
                    config.limits().maxConnectionsPerUser(), tokenWatch);
            heartbeat.whenForgotten(sessions::registerAll);
            EdgeServer server = EdgeServer.start(config.edge(), services, sessions);
            LOG.info("edge node {} serving http://{}:{}/", edgeId, config.edge().host(), server.port());
            return new EdgeNode(services, connections, List.of(blockingExecutor, timer, frameWriters), subscriptions,
                    heartbeat, tokenWatch, server);
        } catch (RuntimeException e) {
            blockingExecutor.shutdownNow();
            timer.shutdownNow();
            frameWriters.shutdownNow();
            grid.close();
            throw new IllegalStateException("edge node failed to start: " + e.getMessage(), e);
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The node's services, for tests that drive one directly. */
    EdgeServices services() {
        return services;
    }

    public int port() {
        return server.port();
    }

    public String edgeId() {
        return services.edgeId();
    }

    /** Graceful stop: closes sockets (clients reconnect elsewhere), forgets them in the grid, disconnects. */
    @Override
    public void close() {
        server.stop();
        executors.forEach(ExecutorService::shutdownNow);
        if (!services.grid().client().getLifecycleService().isRunning()) {
            return; // terminated already
        }
        subscriptions.forEach(TopicSubscription::close);
        tokenWatch.close();
        heartbeat.close();
        services.rateLimits().close();
        // One sweep instead of trusting every close callback to have reached the grid in time.
        services.presence().dropStoppingEdge(services.edgeId());
        services.grid().close();
    }

    /**
     * Abrupt stop for fault tests, as a crash would be: the grid connection goes first, so nothing is cleaned
     * up in the grid, then the sockets are cut.
     */
    public void terminate() {
        services.grid().client().getLifecycleService().terminate();
        server.stop();
        executors.forEach(ExecutorService::shutdownNow);
    }
}
