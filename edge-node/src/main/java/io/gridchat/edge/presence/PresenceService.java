package io.gridchat.edge.presence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.query.Predicates;
import io.gridchat.config.PresenceSettings;
import io.gridchat.edge.Grid;
import io.gridchat.edge.Json;
import io.gridchat.edge.ws.ChatConnection;
import io.gridchat.model.FriendList;
import io.gridchat.model.MapNames;
import io.gridchat.model.Presence;
import io.gridchat.model.PresenceChange;
import io.gridchat.model.PresenceStatus;
import io.gridchat.model.Roster;
import io.gridchat.model.processor.EdgeDrop;
import io.gridchat.model.processor.LeavePresence;
import io.gridchat.model.processor.TouchPresence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence as this edge node's connections see and shape it: heartbeats to the grid (on connect, then about
 * four times per TTL while frames or pings arrive, and at once when an away user acts), offline when the
 * user's last connection closes, and answers to {@code presence} frames under the visibility rule: a user's
 * presence is visible to their friends and to those who share a room with them (a member of it, or a
 * participant of a room the connection joined); to anyone else they read offline with no lastSeen. Every change is published once on the presence topic, which every
 * edge node reads. Thread-safe.
 */
public final class PresenceService {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceService.class);

    /** Most of a user's rooms whose members see their presence without a join; bounds the look-up. */
    static final int MAX_SHARED_ROOMS = 500;
    private static final int DROP_EDGE_WAIT_SECONDS = 10;

    private final Grid grid;
    private final PresenceSettings settings;
    private final PresenceHub hub;
    private final Executor blocking;
    private final long touchEveryMillis;

    public PresenceService(Grid grid, PresenceSettings settings, PresenceHub hub, Executor blocking) {
        this.grid = grid;
        this.settings = settings;
        this.hub = hub;
        this.blocking = blocking;
        this.touchEveryMillis = Math.max(250, settings.ttlMillis() / 4);
    }

    /**
     * Forgets every connection and seat a previous life of this edge node left under its id; its users left
     * without a connection go offline. Blocks until the sweeps are done (a sweep still running once the node
     * serves would forget the new connections too), then at most {@value #DROP_EDGE_WAIT_SECONDS} s for the
     * presence changes.
     */
    public void dropEdge(String edgeId) {
        awaitDrop(edgeId, () -> EdgeDrop.run(grid.client(), edgeId, settings.lastSeenRetentionMillis()));
    }

    /**
     * As {@link #dropEdge} for a node that stops, waiting at most {@value #DROP_EDGE_WAIT_SECONDS} s in all: the
     * sweeps run on a thread of their own, so a grid that does not answer (a partition without an owner retries
     * for minutes) cannot hold a stopping node; the grid's reaper drops its connections once its heartbeat
     * expires.
     */
    public void dropStoppingEdge(String edgeId) {
        awaitDrop(edgeId, () -> CompletableFuture.supplyAsync(() -> EdgeDrop.run(grid.client(), edgeId,
                settings.lastSeenRetentionMillis()), PresenceService::onOwnThread).thenCompose(published -> published));
    }

    private static void awaitDrop(String edgeId, Supplier<CompletableFuture<Void>> drop) {
        try {
            drop.get().get(DROP_EDGE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("could not drop the connections of edge node {}: {}", edgeId, e.toString());
        }
    }

    /** Not a pool: a node that stops has shut its executors down before it drops its connections. */
    private static void onOwnThread(Runnable sweeps) {
        Thread thread = new Thread(sweeps, "edge-drop");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The connection is registered in the grid: the user is online (again), and it watches their friends. The
     * members of the user's rooms are watched once it joins a room or asks with a {@code presence} frame: a
     * look-up of every room of every user at connect cost a query per connection (a reconnect storm of 1,000
     * connections held the grid for ~20 s).
     */
    public void connected(ChatConnection connection) {
        touch(connection, System.currentTimeMillis());
        grid.friends().getAsync(connection.userId()).whenComplete((friends, failure) -> {
            if (friends != null) {
                hub.watch(connection, PresenceHub.FRIEND, friends.friendIds());
            }
        });
    }

    /** A frame arrived; {@code active} unless it was a ping. Sends a heartbeat when one is due. */
    public void frame(ChatConnection connection, boolean active) {
        long now = System.currentTimeMillis();
        if (connection.presence().frame(now, active, touchEveryMillis)) {
            touch(connection, now);
        }
    }

    /** The connection closed and the grid holds {@code remaining} connections of the user (-1: unknown). */
    public void closed(ChatConnection connection, int remaining) {
        hub.forget(connection);
        if (remaining == 0) {
            grid.presence().submitToKey(connection.userId(),
                            new LeavePresence(System.currentTimeMillis(), settings.lastSeenRetentionMillis()))
                    .whenComplete((change, failure) -> published(connection.userId(), change, failure));
        }
    }

    /** The connection joined a room: it watches the room's participants while they share it. */
    public void joined(ChatConnection connection, String roomId, List<String> participants) {
        hub.watch(connection, roomId, participants);
    }

    /** The connection left the room: those it watched only for the room are no longer watched. */
    public void left(ChatConnection connection, String roomId) {
        hub.leftRoom(connection, roomId);
    }

    /**
     * The presence of {@code userIds} as {@code connection} may see it, in the order asked; the visible ones
     * are watched from now on.
     */
    public CompletionStage<List<ObjectNode>> query(ChatConnection connection, List<String> userIds) {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, Set<String>> visible = visibleTo(connection);
            Set<String> asked = new LinkedHashSet<>(userIds);
            Set<String> lookup = new HashSet<>(asked);
            lookup.retainAll(visible.keySet());
            Map<String, Presence> found = lookup.isEmpty() ? Map.of() : grid.presence().getAll(lookup);
            for (String userId : lookup) {
                visible.get(userId).forEach(reason -> hub.watch(connection, reason, userId));
            }
            List<ObjectNode> views = new ArrayList<>(asked.size());
            for (String userId : asked) {
                Presence presence = found.get(userId);
                views.add(presence == null
                        ? PresenceHub.view(Json.object(), userId, PresenceStatus.OFFLINE, 0)
                        : PresenceHub.view(Json.object(), userId, presence.status(), presence.lastSeen()));
            }
            return views;
        }, blocking);
    }

    /**
     * Who the connection may see, each with why: the user themself, their friends ({@link PresenceHub#FRIEND}),
     * everyone in a room this connection joined and the members of the rooms the user belongs to (at most
     * {@link #MAX_SHARED_ROOMS} of those; dm rooms need no join), by room id. Blocking.
     */
    private Map<String, Set<String>> visibleTo(ChatConnection connection) {
        Map<String, Set<String>> visible = new HashMap<>();
        // the user's own presence is visible (its reason is never used: the hub never watches a user for itself)
        visible.computeIfAbsent(connection.userId(), u -> new HashSet<>()).add(PresenceHub.FRIEND);
        FriendList friends = grid.friends().get(connection.userId());
        if (friends != null) {
            friends.friendIds().forEach(friendId ->
                    visible.computeIfAbsent(friendId, u -> new HashSet<>()).add(PresenceHub.FRIEND));
        }
        Set<String> rooms = new HashSet<>(connection.rooms());
        grid.members().keySet(Predicates.equal("userId", connection.userId())).stream().limit(MAX_SHARED_ROOMS)
                .forEach(key -> rooms.add(key.roomId()));
        if (!rooms.isEmpty()) {
            for (Map.Entry<String, Roster> room : grid.rosters().getAll(rooms).entrySet()) {
                if (room.getValue().contains(connection.userId())) { // a room the user was removed from no longer counts
                    room.getValue().userIds().forEach(userId ->
                            visible.computeIfAbsent(userId, u -> new HashSet<>()).add(room.getKey()));
                }
            }
        }
        return visible;
    }

    private void touch(ChatConnection connection, long now) {
        grid.presence().submitToKey(connection.userId(), new TouchPresence(now,
                        connection.presence().lastActivity(), settings.awayAfterMillis(), settings.ttlMillis()))
                .whenComplete((change, failure) -> {
                    if (failure == null) {
                        connection.presence().touched(now, change.current() == PresenceStatus.AWAY);
                    }
                    published(connection.userId(), change, failure);
                });
    }

    private void published(String userId, PresenceChange change, Throwable failure) {
        if (failure != null) {
            LOG.debug("presence update of {} failed: {}", userId, failure.toString());
        } else if (change.changed()) {
            grid.client().<PresenceChange>getReliableTopic(MapNames.PRESENCE_EVENTS).publishAsync(change)
                    .whenComplete((ignored, publishFailure) -> {
                        if (publishFailure != null) {
                            LOG.debug("presence event of {} not published: {}", userId, publishFailure.toString());
                        }
                    });
        }
    }
}
