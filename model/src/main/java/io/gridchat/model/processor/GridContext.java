package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.RetryableHazelcastException;
import io.gridchat.config.GridSettings;
import io.gridchat.model.LiveRoom;

/** Reads what a member put in its user context for processors and tasks that run on it. */
final class GridContext {
    private GridContext() {
    }

    static GridSettings settings(HazelcastInstance instance) {
        Object settings = instance.getUserContext().get(GridSettings.USER_CONTEXT_KEY);
        if (settings instanceof GridSettings gridSettings) {
            return gridSettings;
        }
        throw new IllegalStateException("member has no GridSettings in its user context under " + GridSettings.USER_CONTEXT_KEY);
    }

    /**
     * Another map of this member, for a processor or task running on it; refused with a retryable exception
     * while the member is still creating its maps (see {@link MemberReadiness}) or is shutting down. A member
     * without a readiness flag (a bare test member) is always ready.
     */
    static <K, V> IMap<K, V> map(HazelcastInstance instance, String name) {
        checkUsable(instance);
        return instance.getMap(name);
    }

    /** Refuses, retryably, a nested call on a member that is still creating its maps or is shutting down. */
    static void checkUsable(HazelcastInstance instance) {
        if (!instance.getLifecycleService().isRunning()) {
            // A member leaving gracefully still runs the operations queued on it; their nested calls would fail
            // with a non-retryable "not active". Refused here, the caller's invocation retries on the new owner.
            throw new RetryableHazelcastException("member " + instance.getName() + " is shutting down; retry");
        }
        if (instance.getUserContext().get(MemberReadiness.USER_CONTEXT_KEY) instanceof MemberReadiness readiness
                && !readiness.ready()) {
            throw new RetryableHazelcastException("member " + instance.getName()
                    + " is still creating its maps; retry");
        }
    }

    /**
     * The highest seq of the room this member's MapStore wrote to MySQL; unlimited on a member without the
     * record (a bare test member), which then evicts as soon as a message leaves the window.
     */
    static long storedUpTo(HazelcastInstance instance, String roomId) {
        return instance.getUserContext().get(StoredSeqs.USER_CONTEXT_KEY) instanceof StoredSeqs stored
                ? stored.storedUpTo(roomId) : Long.MAX_VALUE;
    }

    /** The member's MySQL history reader; null on a member without one (a bare test member). */
    static MessageArchive archive(HazelcastInstance instance) {
        return instance.getUserContext().get(MessageArchive.USER_CONTEXT_KEY) instanceof MessageArchive archive
                ? archive : null;
    }

    /**
     * The member's backpressure and its delivery lag; a member without them (a bare test member) never refuses.
     */
    static boolean overloaded(HazelcastInstance instance) {
        return instance.getUserContext().get(Backpressure.USER_CONTEXT_KEY) instanceof Backpressure backpressure
                && backpressure.refusing()
                || instance.getUserContext().get(DeliveryLag.USER_CONTEXT_KEY) instanceof DeliveryLag lag
                && lag.behind();
    }

    /** Tells the member's delivery lag that a message was accepted at {@code ts}; no-op on a bare test member. */
    static void accepted(HazelcastInstance instance, long ts) {
        if (instance.getUserContext().get(DeliveryLag.USER_CONTEXT_KEY) instanceof DeliveryLag lag) {
            lag.accepted(ts);
        }
    }

    /** Tells the member's active-rooms ranking that a message was written; no-op on a bare test member. */
    static void written(HazelcastInstance instance, String roomId, long seqBefore, long seq, long ts) {
        if (instance.getUserContext().get(ActiveRoomsIndex.USER_CONTEXT_KEY) instanceof ActiveRoomsIndex index) {
            index.written(roomId, seqBefore, seq, ts);
        }
    }

    /** Tells the member's active-rooms ranking a room's seats (null: none); no-op on a bare test member. */
    static void seated(HazelcastInstance instance, String roomId, LiveRoom seats) {
        if (instance.getUserContext().get(ActiveRoomsIndex.USER_CONTEXT_KEY) instanceof ActiveRoomsIndex index) {
            index.seated(roomId, seats);
        }
    }

    /** Tells the member's active-rooms ranking that a room's metadata changed or it closed; no-op likewise. */
    static void roomChanged(HazelcastInstance instance, String roomId) {
        if (instance.getUserContext().get(ActiveRoomsIndex.USER_CONTEXT_KEY) instanceof ActiveRoomsIndex index) {
            index.changed(roomId);
        }
    }
}
