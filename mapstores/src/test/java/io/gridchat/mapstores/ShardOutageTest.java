package io.gridchat.mapstores;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.messages.MessageMapStore;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A shard that becomes unreachable in the middle of a write-behind batch: the other shard's rows commit at
 * once, the unreachable shard's rows are retried with back-off inside {@code storeAll}, and they land once the
 * shard is back, so Hazelcast's store worker never falls back to storing entry by entry.
 */
class ShardOutageTest {
    private static TcpProxy proxy;
    private static ShardPools pools;
    private static MessageMapStore messages;
    /** The shards as members see them: the second one behind the proxy. */
    private static MysqlSettings proxied;

    @BeforeAll
    static void start() throws Exception {
        MysqlSettings real = TestDatabase.newShards("outage", 2);
        String second = real.shards().get(1);
        int port = Integer.parseInt(second.replaceFirst("^jdbc:mysql://[^:]+:(\\d+)/.*$", "$1"));
        proxy = new TcpProxy(port);
        List<String> urls = List.of(real.shards().get(0), second.replaceFirst(":\\d+/", ":" + proxy.port() + "/"));
        proxied = new MysqlSettings(urls, real.user(), real.password(), 2, 30);
        pools = new ShardPools(proxied, Duration.ofMillis(500));
        pools.migrate();
        messages = new MessageMapStore();
        messages.init(pools, new Properties(), MapNames.MESSAGES);
    }

    @AfterAll
    static void stop() {
        pools.close();
        proxy.close();
    }

    @Test
    void when_a_shard_is_unreachable_during_store_all_then_its_rows_are_retried_until_it_is_back() {
        List<String> rooms = ShardKeys.spread(pools.router(), "outage", 5);
        Map<MessageKey, ChatMessage> batch = new HashMap<>();
        for (String room : rooms) {
            for (long seq = 1; seq <= 4; seq++) {
                batch.put(new MessageKey(room, seq), new ChatMessage(room, seq, ChatMessage.msgIdOf(room, seq), "u",
                        "t" + seq, seq, null));
            }
        }
        proxy.cut();
        CompletableFuture<Void> store = CompletableFuture.runAsync(() -> messages.storeAll(new HashMap<>(batch)));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                ShardSql.count(pools.shard(0), "SELECT COUNT(*) FROM messages") == 20);
        assertThat(store).as("still retrying the unreachable shard").isNotDone();
        proxy.restore();

        store.orTimeout(20, TimeUnit.SECONDS).join();
        List<String> stored = new ArrayList<>();
        for (int shard = 0; shard < 2; shard++) {
            stored.addAll(ShardSql.strings(pools.shard(shard), "SELECT msg_id FROM messages"));
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(batch.values().stream().map(ChatMessage::msgId).toList());
    }

    @Test
    void when_a_shard_is_unreachable_at_member_start_then_the_schema_waits_for_it() {
        proxy.cut();
        try (ShardPools starting = new ShardPools(proxied, Duration.ofMillis(500))) {
            CompletableFuture<Void> migrate = CompletableFuture.runAsync(starting::migrate);
            Awaitility.await("retrying the unreachable shard").during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5)).until(() -> !migrate.isDone());
            proxy.restore();
            migrate.orTimeout(20, TimeUnit.SECONDS).join();
        } finally {
            proxy.restore();
        }
    }
}
