package io.gridchat.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.gridchat.config.ConfigLoader;
import io.gridchat.model.MapNames;
import io.gridchat.model.RateVerdict;
import io.gridchat.model.RateWindow;
import io.gridchat.model.processor.ReturnPermit;
import io.gridchat.model.processor.TakePermit;
import io.gridchat.model.serial.ModelSerialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rate-limit processors on two real members in this JVM, with the rate-limits map exactly as
 * {@link MemberConfigFactory} configures it (nothing else: the map needs no MySQL): counting, sliding, expiry. The
 * members sweep expired entries every second and backups expire 1 s after their primary (Hazelcast's defaults: a
 * share of the partitions every 5 s, backups 10 s later, so idle windows are gone within about half a minute).
 */
class RateLimitWindowTest {
    private static final int FIRST_PORT = 36_801;
    private static final List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void start() {
        Config config = new Config().setClusterName("rate-limit-test-" + UUID.randomUUID());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.internal.map.expiration.task.period.seconds", "1");
        config.setProperty("hazelcast.internal.map.expiration.cleanup.percentage", "100");
        config.setProperty("hazelcast.map.expiry.delay.seconds", "1");
        NetworkConfig network = config.getNetworkConfig().setPort(FIRST_PORT).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        for (int port = FIRST_PORT; port < FIRST_PORT + 4; port++) {
            network.getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
        }
        ModelSerialization.register(config.getSerializationConfig());
        config.addMapConfig(MemberConfigFactory.rateLimits(ConfigLoader.load().grid()));
        for (int i = 0; i < 2; i++) {
            members.add(Hazelcast.newHazelcastInstance(config));
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> members.get(0).getCluster().getMembers().size()
                == 2 && members.get(0).getPartitionService().isClusterSafe());
    }

    @AfterAll
    static void stop() {
        members.forEach(HazelcastInstance::shutdown);
    }

    @AfterEach
    void forgetWindows() {
        windows().clear();
    }

    private static IMap<String, RateWindow> windows() {
        return members.get(0).getMap(MapNames.RATE_LIMITS);
    }

    private static RateVerdict take(String key, int limit, long windowMillis) {
        return windows().executeOnKey(key, new TakePermit(limit, windowMillis));
    }

    @Test
    void when_the_permits_run_out_then_refusals_name_a_wait_and_once_the_window_slid_permits_come_back() {
        String key = "messages:u" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(take(key, 3, 1_000).allowed()).isTrue();
        }
        RateWindow full = windows().get(key);
        long beforeRefusal = System.currentTimeMillis();
        RateVerdict refused = take(key, 3, 1_000);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterMs()).isBetween(1L, 2_000L);
        assertThat(windows().get(key)).as("a refusal writes nothing").isEqualTo(full);

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> take(key, 3, 1_000).allowed());
        assertThat(System.currentTimeMillis() - beforeRefusal).as("not before the wait it named")
                .isGreaterThanOrEqualTo(refused.retryAfterMs());
    }

    @Test
    void when_many_callers_take_permits_at_once_then_exactly_the_limit_is_allowed() {
        String key = "api:u" + System.nanoTime();
        AtomicInteger allowed = new AtomicInteger();
        List<CompletableFuture<Void>> callers = IntStream.range(0, 8).mapToObj(caller ->
                CompletableFuture.runAsync(() -> {
                    IMap<String, RateWindow> map = members.get(caller % 2).getMap(MapNames.RATE_LIMITS);
                    for (int i = 0; i < 25; i++) {
                        if (map.executeOnKey(key, new TakePermit(50, 60_000)).allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                })).toList();
        callers.forEach(CompletableFuture::join);
        assertThat(allowed).hasValue(50);
    }

    @Test
    void when_callers_lease_several_permits_at_once_then_each_gets_what_is_left_and_together_exactly_the_limit() {
        String key = "messages:u" + System.nanoTime();
        RateVerdict lease = windows().executeOnKey(key, new TakePermit(10, 60_000, 4));
        assertThat(lease.allowed()).isTrue();
        assertThat(lease.granted()).isEqualTo(4);
        assertThat(windows().get(key).current()).as("all four counted at once").isEqualTo(4);

        AtomicInteger granted = new AtomicInteger(lease.granted());
        List<CompletableFuture<Void>> callers = IntStream.range(0, 6).mapToObj(caller ->
                CompletableFuture.runAsync(() -> {
                    IMap<String, RateWindow> map = members.get(caller % 2).getMap(MapNames.RATE_LIMITS);
                    for (int i = 0; i < 5; i++) {
                        granted.addAndGet(map.executeOnKey(key, new TakePermit(10, 60_000, 3)).granted());
                    }
                })).toList();
        callers.forEach(CompletableFuture::join);
        assertThat(granted).hasValue(10);
        RateVerdict refused = windows().executeOnKey(key, new TakePermit(10, 60_000, 3));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.granted()).isZero();

        assertThat(windows().executeOnKey(key, new ReturnPermit(3, lease.windowStart(), 60_000))).isTrue();
        assertThat(windows().executeOnKey(key, new TakePermit(10, 60_000, 5)).granted())
                .as("three given back, three to lease again").isEqualTo(3);
    }

    @Test
    void when_a_permit_is_given_back_then_it_can_be_taken_again_and_an_empty_window_is_removed() {
        String key = "messages:u" + System.nanoTime();
        RateVerdict only = take(key, 1, 60_000);
        assertThat(take(key, 1, 60_000).allowed()).isFalse();
        assertThat(windows().executeOnKey(key, new ReturnPermit(only.windowStart(), 60_000))).isTrue();
        assertThat(windows().containsKey(key)).as("nothing counted: no entry").isFalse();
        assertThat(take(key, 1, 60_000).allowed()).isTrue();
    }

    @Test
    void when_keys_go_idle_then_their_windows_expire_on_primary_and_backup() {
        for (int i = 0; i < 20; i++) {
            take("connects:10.0.0." + i, 5, 2_000); // TTL: 2 to 4 s, to the end of the next window
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> entries(false) == 20 && entries(true) == 20);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> entries(false) == 0 && entries(true) == 0);
    }

    /** Owned (or backup) entries of the rate-limits map over both members. */
    private static long entries(boolean backup) {
        return members.stream().map(member -> member.getMap(MapNames.RATE_LIMITS).getLocalMapStats())
                .mapToLong(stats -> backup ? stats.getBackupEntryCount() : stats.getOwnedEntryCount()).sum();
    }
}
