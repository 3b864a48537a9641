package io.gridchat.grid;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.GridchatConfig;
import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.model.ChatMessage;
import io.gridchat.model.MapNames;
import io.gridchat.model.MessageKey;
import io.gridchat.model.processor.StoredSeqs;
import io.gridchat.mapstores.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/** Real grid members in this JVM on loopback, with a unique cluster name, over fresh MariaDB shards. */
public final class TestGrid implements AutoCloseable {
    private final GridchatConfig config;
    private final List<GridNode> members = new ArrayList<>();

    private TestGrid(GridchatConfig config) {
        this.config = config;
    }

    public static TestGrid start(int memberCount, Map<String, String> extra) {
        Map<String, String> overrides = overrides("grid", memberCount + 1);
        overrides.putAll(extra);
        return startWith(memberCount, overrides);
    }

    /** As {@link #start}, with every config key given (from {@link #overrides}, changed by the test). */
    public static TestGrid startWith(int memberCount, Map<String, String> overrides) {
        TestGrid grid = new TestGrid(ConfigLoader.load(overrides));
        try {
            for (int i = 0; i < memberCount; i++) {
                grid.addMember();
            }
            awaitSafe(grid.members);
            return grid;
        } catch (RuntimeException e) {
            grid.close();
            throw e;
        }
    }

    /**
     * Config keys for a test cluster of its own: a unique name, {@code memberSlots} free loopback ports for
     * members, fresh MariaDB shards. Tests add what they need and load it with {@link ConfigLoader}.
     */
    public static Map<String, String> overrides(String prefix, int memberSlots) {
        MysqlSettings shards = TestDatabase.newShards(prefix + Long.toString(System.nanoTime() % 1_000_000, 36), 4);
        int basePort = freePortBlock(memberSlots);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("cluster.name", "gridchat-" + prefix + "-test-" + UUID.randomUUID());
        overrides.put("cluster.memberPort", Integer.toString(basePort));
        overrides.put("cluster.members", String.join(",", IntStream.range(0, memberSlots)
                .mapToObj(i -> "127.0.0.1:" + (basePort + i)).toList()));
        overrides.put("mysql.shards", String.join(",", shards.shards()));
        overrides.put("mysql.user", shards.user());
        overrides.put("mysql.password", shards.password());
        overrides.put("mysql.poolSize", "4");
        return overrides;
    }

    private static int freePortBlock(int size) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + (int) (Math.random() * 20_000);
            boolean free = true;
            for (int port = base; port < base + size + 2 && free; port++) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no free port block for grid members");
    }

    /**
     * Waits until every partition has its backups: a member killed before that takes partitions that exist
     * nowhere else with it (Hazelcast logs "partitionId=N is completely lost"), as in any replicated store.
     */
    public static void awaitSafe(List<GridNode> members) {
        if (members.size() > 1) {
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() ->
                    members.get(0).instance().getPartitionService().isClusterSafe());
        }
    }

    public GridNode addMember() {
        GridNode member = GridNode.start(config);
        members.add(member);
        return member;
    }

    public GridNode member(int index) {
        return members.get(index);
    }

    public List<GridNode> members() {
        return members;
    }

    public GridchatConfig config() {
        return config;
    }

    /** The seqs of {@code room} in MySQL, ascending, read from the given shard URLs (e.g. past a cut proxy). */
    public List<Long> storedSeqs(String room, List<String> shards) {
        return ShardSql.messageSeqs(config.mysql(), shards, room);
    }

    /** How many of {@code room}'s messages the members hold in memory (primaries only). */
    public long messagesInMemory(String room) {
        return members.stream()
                .flatMap(member -> member.instance().<MessageKey, ChatMessage>getMap(MapNames.MESSAGES)
                        .localKeySet().stream())
                .filter(key -> key.roomId().equals(room)).count();
    }

    /** The highest seq of {@code room} a member's MapStore reported committed (what eviction goes by). */
    public long storedUpTo(String room) {
        return members.stream().mapToLong(member -> ((StoredSeqs) member.instance().getUserContext()
                .get(StoredSeqs.USER_CONTEXT_KEY)).storedUpTo(room)).max().orElse(0);
    }

    /** The index of the member owning {@code key}'s partition. */
    public int ownerOf(Object key) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).instance().getPartitionService().getPartition(key).getOwner().localMember()) {
                return i;
            }
        }
        throw new IllegalStateException("no member owns the partition of " + key);
    }

    /** Kills a member without flush or handshake, as a crash would. */
    public void kill(int index) {
        members.remove(index).terminate();
    }

    @Override
    public void close() {
        members.forEach(GridNode::close);
        members.clear();
    }
}
