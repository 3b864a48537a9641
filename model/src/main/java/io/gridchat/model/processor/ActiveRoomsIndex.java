package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
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

/**
 * One member's ranking of the rooms it owns, kept up to date by {@link #refresh} (called on a schedule, never
 * per request or per message): a room is active while someone sits in it or it had a message in the last ten
 * minutes, and ranks by live users, then by messages in the last ten minutes. Messages are counted from the
 * room's seq as sampled once a minute, so a member that just started or just took the room over counts only
 * what it saw (at most ten minutes of under-counting). {@link #refresh} runs on one thread; {@link #top} on any.
 */
public final class ActiveRoomsIndex {
    /** Key of the member's index in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.activeRooms";
    static final long WINDOW_MILLIS = 10 * 60_000L;
    private static final long MINUTE_MILLIS = 60_000L;
    private static final int SAMPLES = (int) (WINDOW_MILLIS / MINUTE_MILLIS) + 1;

    private final int limit;
    private final Map<String, SeqSamples> samples = new HashMap<>();
    private volatile List<ActiveRoom> ranking = List.of();

    public ActiveRoomsIndex(int limit) {
        this.limit = limit;
    }

    /** The most active rooms this member owns, most active first. */
    public List<ActiveRoom> top(int count) {
        List<ActiveRoom> current = ranking;
        return current.subList(0, Math.min(count, current.size()));
    }

    /** Re-ranks the rooms of this member's partitions from their counters and live seats. */
    public void refresh(HazelcastInstance instance, long now) {
        IMap<String, RoomLog> logs = instance.getMap(MapNames.ROOM_LOGS);
        IMap<String, LiveRoom> live = instance.getMap(MapNames.ROOM_LIVE);
        Map<String, RoomLog> counters = LocalEntries.of(instance, logs);
        Map<String, LiveRoom> seated = LocalEntries.of(instance, live);
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
            // A room this member sees for the first time counts every message as recent if it is that new.
            long baseline = room != null && room.createdAt() >= now - WINDOW_MILLIS ? 0 : log.lastSeq();
            long recent = samples.computeIfAbsent(roomId, id -> new SeqSamples(now, baseline))
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
