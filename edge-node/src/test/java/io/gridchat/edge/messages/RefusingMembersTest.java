package io.gridchat.edge.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import io.gridchat.edge.Platform;
import io.gridchat.edge.SharedPlatform;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a member refused a send as overloaded, the node refuses sends to that member's rooms itself for a moment,
 * without a grid call, and goes on sending to rooms the other members own.
 */
@ExtendWith(SharedPlatform.class)
class RefusingMembersTest {
    @Test
    void when_a_member_refused_a_send_then_its_rooms_are_refused_here_for_the_hold_and_others_are_not(
            Platform platform) {
        HazelcastInstance first = platform.members().get(0).instance();
        HazelcastInstance second = platform.members().get(1).instance();
        PartitionService partitions = first.getPartitionService();
        String firstsRoom = roomOwnedBy(first, partitions);
        String anotherOfFirsts = roomOwnedBy(first, partitions, firstsRoom);
        String secondsRoom = roomOwnedBy(second, partitions);
        AtomicLong now = new AtomicLong(1_000);
        RefusingMembers refusing = new RefusingMembers(partitions, now::get);
        assertThat(refusing.refusing(firstsRoom)).isFalse();

        refusing.refused(firstsRoom);

        assertThat(refusing.refusing(firstsRoom)).isTrue();
        assertThat(refusing.refusing(anotherOfFirsts)).as("another room of the refusing member").isTrue();
        assertThat(refusing.refusing(secondsRoom)).as("a room of the other member").isFalse();
        now.addAndGet(RefusingMembers.HOLD_MILLIS - 1);
        assertThat(refusing.refusing(firstsRoom)).isTrue();
        now.addAndGet(1);
        assertThat(refusing.refusing(firstsRoom)).as("asked again after the hold").isFalse();
    }

    private static String roomOwnedBy(HazelcastInstance member, PartitionService partitions, String... not) {
        UUID owner = member.getCluster().getLocalMember().getUuid();
        return IntStream.range(0, 10_000).mapToObj(i -> "room-" + i)
                .filter(room -> !List.of(not).contains(room))
                .filter(room -> owner.equals(partitions.getPartition(room).getOwner().getUuid()))
                .findFirst().orElseThrow();
    }
}
