package io.gridchat.edge.messages;

import com.hazelcast.cluster.Member;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Grid members that just refused a send as overloaded. For {@link #HOLD_MILLIS} after a refusal this node refuses
 * sends to rooms that member owns itself, without a grid call: under overload most sends are refused, and each
 * refusal that reached the member cost a rate-limit permit taken and given back and a call on the room's
 * partition, queued with the work the member is behind on. The first send after the hold asks the member again.
 * Thread-safe.
 */
final class RefusingMembers {
    /** As long as a member's own verdict stands between two samples of its backlog. */
    static final long HOLD_MILLIS = 250;

    private final PartitionService partitions;
    private final LongSupplier clock;
    private final ConcurrentMap<UUID, Long> refusingUntil = new ConcurrentHashMap<>();

    RefusingMembers(PartitionService partitions, LongSupplier clock) {
        this.partitions = partitions;
        this.clock = clock;
    }

    /** Whether the owner of {@code roomId}'s partition refused a send less than the hold ago. */
    boolean refusing(String roomId) {
        if (refusingUntil.isEmpty()) {
            return false;
        }
        UUID owner = ownerOf(roomId);
        if (owner == null) {
            return false;
        }
        Long until = refusingUntil.get(owner);
        if (until == null) {
            return false;
        }
        if (clock.getAsLong() < until) {
            return true;
        }
        refusingUntil.remove(owner, until);
        return false;
    }

    /** The owner of {@code roomId}'s partition refused a send as overloaded. */
    void refused(String roomId) {
        UUID owner = ownerOf(roomId);
        if (owner != null) {
            refusingUntil.put(owner, clock.getAsLong() + HOLD_MILLIS);
        }
    }

    private UUID ownerOf(String roomId) {
        Partition partition = partitions.getPartition(roomId);
        Member owner = partition == null ? null : partition.getOwner();
        return owner == null ? null : owner.getUuid();
    }
}
