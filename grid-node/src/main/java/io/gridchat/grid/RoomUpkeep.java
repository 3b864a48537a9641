package io.gridchat.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.gridchat.config.RoomSettings;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomFrames;
import io.gridchat.model.RoomKind;
import io.gridchat.model.processor.ActiveRoomsIndex;
import io.gridchat.model.processor.CloseEmptyRoom;
import io.gridchat.model.processor.FanOutRoomEvent;
import io.gridchat.model.processor.FreeAwaySeats;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping of the rooms this member owns, on one timer thread: re-ranks them for the active-rooms list
 * every {@code rooms.activeRefreshMillis}, ends the grace period of users away from a room (a study room frees
 * their place and tells the others {@code left}), and closes study rooms that stayed empty for
 * {@code rooms.closeEmptyStudyRoomsAfterSeconds} (counted from when this member first saw them empty, so a
 * restart or migration only makes a room close later).
 */
final class RoomUpkeep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RoomUpkeep.class);
    private static final long MIN_SWEEP_MILLIS = 250;
    private static final long MAX_SWEEP_MILLIS = 5_000;
    private static final long MAX_CLOSE_SWEEP_MILLIS = 60_000;

    private final HazelcastInstance instance;
    private final RoomSettings settings;
    private final ActiveRoomsIndex index;
    private final ScheduledExecutorService timer;
    private final Map<String, Long> emptySince = new ConcurrentHashMap<>();

    private RoomUpkeep(HazelcastInstance instance, RoomSettings settings, ActiveRoomsIndex index) {
        this.instance = instance;
        this.settings = settings;
        this.index = index;
        this.timer = DaemonTimer.named("gridchat-room-upkeep");
    }

    static RoomUpkeep start(HazelcastInstance instance, RoomSettings settings) {
        ActiveRoomsIndex index = (ActiveRoomsIndex) instance.getConfig().getUserContext()
                .get(ActiveRoomsIndex.USER_CONTEXT_KEY);
        RoomUpkeep upkeep = new RoomUpkeep(instance, settings, index);
        upkeep.timer.scheduleWithFixedDelay(upkeep::rank, 0, settings.activeRefreshMillis(), TimeUnit.MILLISECONDS);
        long sweepMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_SWEEP_MILLIS, settings.studyGraceMillis() / 4));
        upkeep.timer.scheduleWithFixedDelay(upkeep::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        long closeMillis = Math.max(MIN_SWEEP_MILLIS, Math.min(MAX_CLOSE_SWEEP_MILLIS,
                settings.closeEmptyStudyRoomsAfterMillis() / 4));
        upkeep.timer.scheduleWithFixedDelay(upkeep::closeEmpty, closeMillis, closeMillis, TimeUnit.MILLISECONDS);
        return upkeep;
    }

    private void rank() {
        try {
            index.refresh(instance, System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.debug("active-rooms refresh failed: {}", e.toString());
        }
    }

    private void sweep() {
        try {
            long cutoff = System.currentTimeMillis() - settings.studyGraceMillis();
            IMap<String, Room> rooms = instance.getMap(MapNames.ROOMS);
            for (Map.Entry<String, LiveRoom> entry : index.seats().entrySet()) {
                if (!entry.getValue().awaySince(cutoff).isEmpty()) {
                    String roomId = entry.getKey();
                    rooms.submitToKey(roomId, new FreeAwaySeats(settings.studyGraceMillis()))
                            .thenAccept(freed -> freed.forEach(userId -> announceLeft(roomId, userId)));
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("away sweep failed: {}", e.toString());
        }
    }

    private void closeEmpty() {
        try {
            IMap<String, Room> rooms = instance.getMap(MapNames.ROOMS);
            // copied: a query's key set answers contains() by a linear scan that deserializes every key
            Set<String> study = new HashSet<>(rooms.localKeySet(Predicates.equal("kind", RoomKind.STUDY.name())));
            Set<String> seated = index.seatedRoomIds();
            long now = System.currentTimeMillis();
            long afterMillis = settings.closeEmptyStudyRoomsAfterMillis();
            emptySince.keySet().retainAll(study);
            for (String roomId : study) {
                if (seated.contains(roomId)) {
                    emptySince.remove(roomId);
                } else if (now - emptySince.computeIfAbsent(roomId, id -> now) >= afterMillis) {
                    rooms.submitToKey(roomId, new CloseEmptyRoom(afterMillis)).thenAccept(closed -> {
                        if (closed) {
                            emptySince.remove(roomId);
                            timer.execute(() -> dropBans(roomId));
                            LOG.info("closed study room {}: empty for {} s", roomId, afterMillis / 1000);
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("closing empty rooms failed: {}", e.toString());
        }
    }

    /**
     * A closed room's bans go too (from MySQL through the MapStore). They live on the room's partition but under
     * the banned users' keys, which the closing processor cannot list: one scan of that partition, off the
     * partition thread (closing is rare). A member lost in between leaves them, unused, as before.
     */
    private void dropBans(String roomId) {
        try {
            instance.getMap(MapNames.BANS).removeAll(Predicates.partitionPredicate(roomId,
                    Predicates.equal("roomId", roomId)));
        } catch (RuntimeException e) {
            LOG.warn("bans of closed room {} not removed: {}", roomId, e.toString());
        }
    }

    private void announceLeft(String roomId, String userId) {
        FanOutRoomEvent event = FanOutRoomEvent.leaving(roomId, userId, RoomFrames.membership("left", roomId, userId));
        instance.getExecutorService(MapNames.ROOM_EXECUTOR).submitToKeyOwner(event, roomId);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
