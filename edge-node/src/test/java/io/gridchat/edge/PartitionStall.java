package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the partition thread of a key's partition on a member (an entry processor that waits), so every grid call
 * on that partition, and on the others that thread serves, waits behind it until {@link #close()}.
 */
final class PartitionStall implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletionStage<Object> stall;

    private PartitionStall(HazelcastInstance member, String key) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        this.stall = member.<String, String>getMap("test-stall").submitToKey(key, entry -> {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the partition thread is held").isTrue();
    }

    /** Returns once the partition thread is held. */
    static PartitionStall hold(HazelcastInstance member, String key) throws InterruptedException {
        return new PartitionStall(member, key);
    }

    /** Lets the partition thread go and waits until it did. */
    @Override
    public void close() throws Exception {
        release.countDown();
        stall.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
