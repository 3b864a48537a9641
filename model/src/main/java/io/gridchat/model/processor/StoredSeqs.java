package io.gridchat.model.processor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * How far MySQL holds each room's messages, as far as this member's messages MapStore wrote them. The send evicts
 * only messages below this mark: an evicted message that is still queued for MySQL is readable nowhere (Hazelcast
 * keeps an evicted dirty entry visible for just the write delay), so history and resume reads would skip it while
 * MySQL lags. Member-local: after a partition moves, the new owner knows nothing and evicts nothing of a room until
 * it has stored some of the room's messages itself. A room's rows always go to one shard in one transaction, in
 * queue order, so the highest stored seq means every lower one is stored too.
 */
public final class StoredSeqs {
    public static final String USER_CONTEXT_KEY = "gridchat.storedSeqs";
    private static final long FORGET_AFTER_MILLIS = 10 * 60_000L;

    private final ConcurrentMap<String, Mark> marks = new ConcurrentHashMap<>();
    private volatile long lastPruneMillis = System.currentTimeMillis();

    private record Mark(long seq, long atMillis) {
    }

    /** Called by the MapStore once the message is committed. */
    public void stored(String roomId, long seq) {
        long now = System.currentTimeMillis();
        marks.merge(roomId, new Mark(seq, now), (old, next) -> next.seq() > old.seq() ? next : old);
        if (now - lastPruneMillis > FORGET_AFTER_MILLIS) {
            lastPruneMillis = now;
            // Rooms silent for long, or moved to another member: their next stores bring them back.
            marks.values().removeIf(mark -> now - mark.atMillis() > FORGET_AFTER_MILLIS);
        }
    }

    /** The highest seq of the room this member stored, 0 when it knows of none. */
    public long storedUpTo(String roomId) {
        Mark mark = marks.get(roomId);
        return mark == null ? 0 : mark.seq();
    }
}
