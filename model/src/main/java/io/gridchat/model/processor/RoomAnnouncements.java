package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.model.MapNames;
import io.gridchat.model.RoomFrames;
import io.gridchat.model.UserSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code joined} and {@code left} events of a membership change, started by the processor that made the
 * change, on the room's partition, once it knows who else is in the room. Only asynchronous calls leave the
 * partition thread: one session lookup per other member, then one publish per edge node holding them, on the
 * common pool. Best effort, like every unstored room event (a client that missed one sees the roster on its next
 * join); a room with more members goes through {@link FanOutRoomEvent} on the member's executor, whose one
 * {@code getAll} suits many keys better than a call per member from a partition thread.
 */
final class RoomAnnouncements {
    private static final Logger LOG = LoggerFactory.getLogger(RoomAnnouncements.class);
    /** Above this many recipients the event goes through the executor (see above). */
    static final int MAX_LOOKUPS_FROM_PARTITION = 64;

    private RoomAnnouncements() {
    }

    /** {@code userId} joined: the others hear it and watch their presence. */
    static void joined(HazelcastInstance instance, String roomId, String userId, List<String> others) {
        announce(instance, roomId, userId, others, true);
    }

    /**
     * {@code userId} left: the members who remain hear it and stop watching their presence for the room; the
     * user's own connections hear it too (another device of theirs learns that it left).
     */
    static void left(HazelcastInstance instance, String roomId, String userId, List<String> remaining) {
        List<String> recipients = new ArrayList<>(remaining.size() + 1);
        recipients.addAll(remaining);
        recipients.add(userId);
        announce(instance, roomId, userId, recipients, false);
    }

    private static void announce(HazelcastInstance instance, String roomId, String userId, List<String> recipients,
                                 boolean joined) {
        if (recipients.isEmpty()) {
            return;
        }
        String frame = RoomFrames.membership(joined ? "joined" : "left", roomId, userId);
        String watchUserId = joined ? userId : "";
        String unwatchUserId = joined ? "" : userId;
        try {
            if (recipients.size() > MAX_LOOKUPS_FROM_PARTITION) {
                FanOutRoomEvent event = joined ? FanOutRoomEvent.fromMember(roomId, userId, frame)
                        : FanOutRoomEvent.leaving(roomId, userId, frame);
                instance.getExecutorService(MapNames.ROOM_EXECUTOR).submitToKeyOwner(event, roomId);
                return;
            }
            IMap<String, UserSessions> sessions = instance.getMap(MapNames.SESSIONS);
            List<CompletableFuture<UserSessions>> lookups = new ArrayList<>(recipients.size());
            for (String recipient : recipients) {
                lookups.add(sessions.getAsync(recipient).toCompletableFuture());
            }
            // thenRunAsync, not thenRun: a lookup can complete on a partition thread (this one, or the one of
            // the session's partition), and a partition thread may not make a remote call, not even an
            // asynchronous one: the publish to another member's ring buffer failed with IllegalThreadStateException
            CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                    .thenRunAsync(() -> EdgeEvents.publish(instance, roomId, frame,
                            lookups.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList(),
                            watchUserId, unwatchUserId))
                    .exceptionally(failure -> {
                        LOG.debug("room event of {} not announced: {}", roomId, failure.toString());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.debug("room event of {} not announced: {}", roomId, e.toString());
        }
    }
}
