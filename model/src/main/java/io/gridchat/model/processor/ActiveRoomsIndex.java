package io.gridchat.model.processor;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import io.gridchat.model.RoomLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One member's ranking of the rooms it owns, kept up to date by {@link #refresh} (called on a schedule, never
 * per request or per message): a room is active while someone sits in it or it had a message in the last ten
 * minutes, and ranks by live users, then by messages in the last ten minutes. Messages are counted from the
 * room's seq as sampled once a minute, so a member that just started or just took the room over counts only
 * what it saw (at most ten minutes of under-counting). A refresh reads the counters of the seated rooms and of
 * the rooms written to on this member in the last ten minutes ({@link #written}), so its cost follows activity,
 * not the number of rooms. {@link #refresh} runs on one thread; {@link #top} and {@link #written} on any.
 */
public final class ActiveRoomsIndex {
    /** Key of the member's index in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.activeRooms";
    static final long WINDOW_MILLIS = 10 * 60_000L;
    private static final long MINUTE_MILLIS = 60_000L;
    private static final int SAMPLES = (int) (WINDOW_MILLIS / MINUTE_MILLIS) + 1;

    private final int limit;
    private final Map<String, SeqSamples> samples = new HashMap<>();
    private final Map<String, Long> writtenSince = new ConcurrentHashMap<>();
    private volatile List<ActiveRoom> ranking = List.of();

    public ActiveRoomsIndex(int limit) {
        this.limit = limit;
    }

    /** The most active rooms this member owns, most active first. */
    public List<ActiveRoom> top(int count) {
        List<ActiveRoom> current = ranking;
        return current.subList(0, Math.min(count, current.size()));
    }

    /**
     * Notes that a message was just written to {@code roomId} on this member (by {@link AppendMessage}, on the
     * room's partition thread), {@code seqBefore} being the room's seq before it: the ranking reads the counters
     * of these rooms and of the seated ones only, never every room's.
     */
    public void written(String roomId, long seqBefore) {
        writtenSince.putIfAbsent(roomId, seqBefore); // a present key is mostly answered without locking
    }

    /** Re-ranks the rooms of this member's partitions from their counters and live seats. */
    public void refresh(HazelcastInstance instance, long now) {
        IMap<String, RoomLog> logs = instance.getMap(MapNames.ROOM_LOGS);
        Map<String, LiveRoom> seated = LocalEntries.of(instance, instance.getMap(MapNames.ROOM_LIVE));
        PartitionService partitions = instance.getPartitionService();
        writtenSince.keySet().removeIf(roomId -> {
            Member owner = partitions.getPartition(roomId).getOwner();
            return owner != null && !owner.localMember();
        });
        Set<String> candidates = new HashSet<>(writtenSince.keySet());
        candidates.addAll(seated.keySet());
        Map<String, RoomLog> counters = LocalEntries.getAll(instance, logs, candidates);
        writtenSince.entrySet().removeIf(written -> {
            RoomLog log = counters.get(written.getKey());
            return log == null || log.lastTs() < now - WINDOW_MILLIS;
        });
        samples.keySet().retainAll(counters.keySet());

        Set<String> active = new HashSet<>();
        counters.forEach((roomId, log) -> {
            if (log.lastTs() > 0 && log.lastTs() >= now - WINDOW_MILLIS) {
                active.add(roomId);
            }
        });
        seated.forEach((roomId, room) -> {
            if (room.liveUsers() > 0) {
                active.add(roomId);
            }
        });
        Map<String, Room> rooms = LocalEntries.getAll(instance, instance.getMap(MapNames.ROOMS), active);
        List<ActiveRoom> ranked = new ArrayList<>(active.size());
        counters.forEach((roomId, log) -> {
            Room room = rooms.get(roomId);
            long recent = samples.computeIfAbsent(roomId, id -> new SeqSamples(now, baseline(roomId, room, log, now)))
                    .recent(now, log.lastSeq());
            if (room != null && room.kind() != RoomKind.DM) {
                ranked.add(new ActiveRoom(room, liveUsers(seated.get(roomId)), recent));
            }
        });
        rooms.forEach((roomId, room) -> {
            if (!counters.containsKey(roomId) && room.kind() != RoomKind.DM) {
                ranked.add(new ActiveRoom(room, liveUsers(seated.get(roomId)), 0));
            }
        });
        ranked.sort(ActiveRoom.MOST_ACTIVE_FIRST);
        ranking = List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
    }

    /**
     * The seq a room's recent messages are counted from when this refresh sees it first: a room created within
     * the window counts all its messages, one written to on this member from the seq before that first write,
     * any other (seated only) from now on.
     */
    private long baseline(String roomId, Room room, RoomLog log, long now) {
        if (room != null && room.createdAt() >= now - WINDOW_MILLIS) {
            return 0;
        }
        Long seqBefore = writtenSince.get(roomId);
        return seqBefore == null ? log.lastSeq() : Math.min(seqBefore, log.lastSeq());
    }

    private static int liveUsers(LiveRoom seats) {
        return seats == null ? 0 : seats.liveUsers();
    }

    /** A room's seq at the first refresh of each of the last eleven minutes. */
    private static final class SeqSamples {
        private final long[] minutes = new long[SAMPLES];
        private final long[] seqs = new long[SAMPLES];

        SeqSamples(long now, long firstSeq) {
            Arrays.fill(minutes, -1);
            long minute = now / MINUTE_MILLIS;
            minutes[(int) (minute % SAMPLES)] = minute;
            seqs[(int) (minute % SAMPLES)] = firstSeq;
        }

        /** Messages since the oldest sample at most ten minutes old. */
        long recent(long now, long lastSeq) {
            long minute = now / MINUTE_MILLIS;
            int slot = (int) (minute % SAMPLES);
            if (minutes[slot] != minute) {
                minutes[slot] = minute;
                seqs[slot] = lastSeq;
            }
            long baseline = lastSeq;
            long oldest = Long.MAX_VALUE;
            for (int i = 0; i < SAMPLES; i++) {
                if (minutes[i] >= minute - (SAMPLES - 1) && minutes[i] < oldest) {
                    oldest = minutes[i];
                    baseline = seqs[i];
                }
            }
            return Math.max(0, lastSeq - baseline);
        }
    }
}
