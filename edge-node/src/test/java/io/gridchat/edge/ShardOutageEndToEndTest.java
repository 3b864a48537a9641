package io.gridchat.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.edge.ApiClient.Account;
import io.gridchat.mapstores.ShardRouter;
import io.gridchat.mapstores.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fast, in-JVM version of the shard-outage fault: one of four MySQL shards is unreachable while clients keep
 * sending to rooms on it and on the others. Sends are acked from the grid throughout (the rows wait in the
 * write-behind queues, bounded by grid.maxUnsavedMessages); once the shard is back, every acked message is in
 * MySQL exactly once.
 */
class ShardOutageEndToEndTest {
    private static final int DOWN_SHARD = 1;
    private static TcpProxy proxy;
    private static Platform platform;
    /** The shards' own addresses, for reading them while the proxy is cut. */
    private static List<String> realShards;

    @BeforeAll
    static void start() {
        platform = Platform.start(2, 1, Map.of(), overrides -> {
            List<String> shards = new ArrayList<>(Arrays.asList(overrides.get("mysql.shards").split(",")));
            realShards = List.copyOf(shards);
            String url = shards.get(DOWN_SHARD);
            try {
                proxy = new TcpProxy(Integer.parseInt(url.replaceFirst("^jdbc:mysql://[^:]+:(\\d+)/.*$", "$1")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shards.set(DOWN_SHARD, url.replaceFirst(":\\d+/", ":" + proxy.port() + "/"));
            overrides.put("mysql.shards", String.join(",", shards));
        });
    }

    @AfterAll
    static void stop() {
        proxy.restore(); // a graceful stop flushes to MySQL
        platform.close();
        proxy.close();
    }

    @Test
    void when_a_shard_is_unreachable_then_sends_are_still_acked_and_all_reach_mysql_once_it_is_back() {
        ApiClient api = new ApiClient(platform.http(0));
        Account alice = api.register(ApiClient.uniqueName("alice"));
        ShardRouter router = new ShardRouter(platform.config().mysql().shards().size());
        Map<Integer, String> roomByShard = new HashMap<>();
        while (roomByShard.size() < 2) {
            String room = api.createRoom(alice, "outage", "group");
            int shard = router.shardOf(room);
            if (shard == DOWN_SHARD || !roomByShard.containsKey(-1)) {
                roomByShard.putIfAbsent(shard == DOWN_SHARD ? DOWN_SHARD : -1, room);
            }
        }
        String onDownShard = roomByShard.get(DOWN_SHARD);
        String elsewhere = roomByShard.get(-1);
        platform.members().get(0).flush();

        try (WsClient sender = WsClient.connect(platform.ws(0, alice.token()))) {
            proxy.cut();
            for (int i = 1; i <= 60; i++) {
                assertThat(sender.ack("send", "room", onDownShard, "text", "down " + i).get("seq").asLong())
                        .isEqualTo(i);
                assertThat(sender.ack("send", "room", elsewhere, "text", "up " + i).get("seq").asLong()).isEqualTo(i);
            }
            Awaitility.await("nothing reaches the unreachable shard").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5)).until(() -> platform.storedSeqs(onDownShard, realShards).isEmpty());

            proxy.restore();
            Awaitility.await("the unreachable shard catches up").atMost(Duration.ofSeconds(30)).until(() ->
                    platform.storedSeqs(onDownShard, realShards).size() == 60 && platform.storedSeqs(elsewhere, realShards).size() == 60);
            assertThat(platform.storedSeqs(onDownShard, realShards)).containsExactlyElementsOf(
                    LongStream.rangeClosed(1, 60).boxed().toList());
            assertThat(platform.storedSeqs(elsewhere, realShards)).hasSize(60).doesNotHaveDuplicates();
        }
    }
}
