package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.gridchat.model.ActiveRoom;
import io.gridchat.model.LiveRoom;
import io.gridchat.model.MapNames;
import io.gridchat.model.Room;
import io.gridchat.model.RoomKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One member's ranking of the rooms it owns, re-ranked by {@link #refresh} (called on a schedule, never per
 * request or per message): a room is active while someone sits in it or it had a message in the last ten
 * minutes, and ranks by live users, then by messages in the last ten minutes.
 * <p>
 * The processors that change a room's seats ({@link RoomSeats}, {@link DropEdgeSeats}) and its messages
 * ({@link AppendMessage}) tell the index on the room's partition thread, so a refresh reads nothing from the
 * grid but the metadata of rooms it has not seen yet (or that changed): with 10,000 rooms, re-reading seats and
 * counters every second kept a member busy with hundreds of partition operations a second at no load. What those
 * callbacks cannot see, the seats of partitions this member just took over (a migration, a dead member's backups
 * promoted), is read once per change of the partitions it owns, and once a minute as a safety net, by
 * {@link MirrorSeats} on the partition threads (so it is ordered with the processors' own callbacks). Messages
 * are counted from what this member wrote: a member that just took a room over counts only what it saw (at most
 * ten minutes of under-counting). {@link #refresh} runs on one thread; the rest on any.
 */
public final class ActiveRoomsIndex {
    /** Key of the member's index in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.activeRooms";
    static final long WINDOW_MILLIS = 10 * 60_000L;
    static final long RECONCILE_MILLIS = 60_000L;
    private static final long MINUTE_MILLIS = 60_000L;
    private static final int SAMPLES = (int) (WINDOW_MILLIS / MINUTE_MILLIS) + 1;

    private final int limit;
    private final Map<String, Seats> seats = new ConcurrentHashMap<>();
    private final Map<String, Writes> writes = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private volatile long generation;
    private volatile List<ActiveRoom> ranking = List.of();
    // used by the refresh thread only
    private final Map<String, SeqSamples> samples = new HashMap<>();
    private final Map<String, Room> rooms = new HashMap<>();
    private Set<Integer> owned = Set.of();
    private long reconciledAt;

    public ActiveRoomsIndex(int limit) {
        this.limit = limit;
    }

    /** The most active rooms this member owns, most active first. */
    public List<ActiveRoom> top(int count) {
        List<ActiveRoom> current = ranking;
        return current.subList(0, Math.min(count, current.size()));
    }

    /** The seats of the rooms this member owns that have any (seated or away users), as last told. */
    public Map<String, LiveRoom> seats() {
        Map<String, LiveRoom> copy = new HashMap<>(seats.size() * 2);
        seats.forEach((roomId, seated) -> copy.put(roomId, seated.room()));
        return copy;
    }

    /** The rooms this member owns that have any seats (seated or away users), as last told. */
    public Set<String> seatedRoomIds() {
        return Set.copyOf(seats.keySet());
    }

    /**
     * A room's seats are now {@code after} (told on the room's partition thread after the change, or by
     * {@link MirrorSeats} there).
     */
    public void seated(String roomId, LiveRoom after) {
        if (after == null || after.isEmpty()) {
            seats.remove(roomId);
        } else {
            seats.put(roomId, new Seats(after, generation));
        }
    }

    /**
     * A message was just written to {@code roomId} on this member (by {@link AppendMessage}, on the room's
     * partition thread): {@code seqBefore} was the room's seq before it, {@code seq} and {@code ts} are its own.
     */
    public void written(String roomId, long seqBefore, long seq, long ts) {
        writes.compute(roomId, (id, known) -> (known == null ? new Writes(seqBefore) : known).then(seq, ts));
    }

    /** A room's metadata changed or the room closed: the next refresh reads it again. */
    public void changed(String roomId) {
        changed.add(roomId);
    }

    /** Re-ranks the rooms of this member's partitions from what the processors told it. */
    public void refresh(HazelcastInstance instance, long now) {
        reconcile(instance, now);
        changed.removeIf(roomId -> {
            rooms.remove(roomId);
            return true;
        });
        Set<String> active = new HashSet<>();
        seats.forEach((roomId, seated) -> {
            if (seated.liveUsers() > 0) {
                active.add(roomId);
            }
        });
        for (String roomId : writes.keySet()) {
            Writes recent = writes.computeIfPresent(roomId, (id, known) -> known.lastTs() < now - WINDOW_MILLIS
                    ? null : known);
            if (recent != null) {
                active.add(roomId);
            }
        }
        rooms.keySet().retainAll(active);
        samples.keySet().retainAll(writes.keySet());
        Set<String> unknown = new HashSet<>(active);
        unknown.removeAll(rooms.keySet());
        if (!unknown.isEmpty()) {
            rooms.putAll(LocalEntries.getAll(instance, instance.<String, Room>getMap(MapNames.ROOMS), unknown));
        }
        List<ActiveRoom> ranked = new ArrayList<>(active.size());
        for (String roomId : active) {
            Room room = rooms.get(roomId);
            if (room == null) {
                writes.remove(roomId); // closed: its messages no longer make it active
                continue;
            }
            if (room.kind() != RoomKind.DM) {
                Seats seated = seats.get(roomId);
                ranked.add(new ActiveRoom(room, seated == null ? 0 : seated.liveUsers(), recent(roomId, room, now)));
            }
        }
        ranked.sort(ActiveRoom.MOST_ACTIVE_FIRST);
        ranking = List.copyOf(ranked.subList(0, Math.min(limit, ranked.size())));
    }

    /**
     * After this member's partitions changed (and once a minute anyway) forgets the rooms it no longer owns and
     * reads the seats of all it owns, by {@link MirrorSeats} on their partition threads; a room whose seats that
     * pass did not find and no processor told of since is forgotten.
     */
    private void reconcile(HazelcastInstance instance, long now) {
        PartitionService partitions = instance.getPartitionService();
        Set<Integer> ownedNow = new HashSet<>();
        for (Partition partition : partitions.getPartitions()) {
            if (partition.getOwner() != null && partition.getOwner().localMember()) {
                ownedNow.add(partition.getPartitionId());
            }
        }
        if (ownedNow.equals(owned) && now - reconciledAt < RECONCILE_MILLIS) {
            return;
        }
        seats.keySet().removeIf(roomId -> !ownedNow.contains(partitions.getPartition(roomId).getPartitionId()));
        writes.keySet().removeIf(roomId -> !ownedNow.contains(partitions.getPartition(roomId).getPartitionId()));
        long stamp = ++generation; // what a processor tells from now on is at least as new as the pass below
        instance.<String, LiveRoom>getMap(MapNames.ROOM_LIVE).executeOnEntries(new MirrorSeats());
        seats.entrySet().removeIf(entry -> entry.getValue().stamp() < stamp);
        owned = ownedNow;
        reconciledAt = now;
    }

    private long recent(String roomId, Room room, long now) {
        Writes written = writes.get(roomId);
        if (written == null) {
            return 0;
        }
        long lastSeq = written.lastSeq();
        return samples.computeIfAbsent(roomId, id -> new SeqSamples(now, baseline(room, written, now)))
                .recent(now, lastSeq);
    }

    /**
     * The seq a room's recent messages are counted from when this refresh sees it first: a room created within
     * the window counts all its messages, any other those since its first write on this member.
     */
    private static long baseline(Room room, Writes written, long now) {
        return room.createdAt() >= now - WINDOW_MILLIS ? 0 : written.seqBefore();
    }

    /** A room's seats as last told, and the reconcile generation when it was told. */
    private record Seats(LiveRoom room, long stamp) {
        int liveUsers() {
            return room.liveUsers();
        }
    }

    /** The messages written to a room on this member: the seq before the first one, the last seq and time. */
    private static final class Writes {
        private final long seqBefore;
        private volatile long lastSeq;
        private volatile long lastTs;

        Writes(long seqBefore) {
            this.seqBefore = seqBefore;
        }

        Writes then(long seq, long ts) {
            lastSeq = seq;
            lastTs = ts;
            return this;
        }

        long seqBefore() {
            return seqBefore;
        }

        long lastSeq() {
            return lastSeq;
        }

        long lastTs() {
            return lastTs;
        }
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
