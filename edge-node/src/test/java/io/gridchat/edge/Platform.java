package io.gridchat.edge;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.GridchatConfig;
import io.gridchat.config.MysqlSettings;
import io.gridchat.grid.GridNode;
import io.gridchat.mapstores.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The whole platform in one JVM for end-to-end tests: real grid members (loopback, own cluster name), real
 * edge nodes on free ports, real MariaDB shards. One per test class; close it in {@code @AfterAll}.
 */
public final class Platform implements AutoCloseable {
    private final GridchatConfig config;
    private final int memberCount;
    private final List<GridNode> members = new ArrayList<>();
    private final List<EdgeNode> edges = new ArrayList<>();

    private Platform(GridchatConfig config, int memberCount) {
        this.config = config;
        this.memberCount = memberCount;
    }

    public static Platform start(int memberCount, int edgeCount) {
        return start(memberCount, edgeCount, Map.of());
    }

    public static Platform start(int memberCount, int edgeCount, Map<String, String> extra) {
        MysqlSettings shards = TestDatabase.newShards("e2e" + Long.toString(System.nanoTime() % 1_000_000, 36), 4);
        int basePort = freePortBlock(memberCount);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("cluster.name", "gridchat-test-" + UUID.randomUUID());
        overrides.put("cluster.memberPort", Integer.toString(basePort));
        overrides.put("cluster.members", String.join(",", IntStream.range(0, memberCount)
                .mapToObj(i -> "127.0.0.1:" + (basePort + i)).toList()));
        overrides.put("mysql.shards", String.join(",", shards.shards()));
        overrides.put("mysql.user", shards.user());
        overrides.put("mysql.password", shards.password());
        overrides.put("mysql.poolSize", "4");
        overrides.put("edge.port", "0");
        overrides.put("auth.pbkdf2Iterations", "1000");
        overrides.put("grid.deliverySnapshotMillis", "500");
        overrides.putAll(extra);
        Platform platform = new Platform(ConfigLoader.load(overrides), memberCount);
        try {
            platform.startGrid();
            for (int i = 0; i < edgeCount; i++) {
                platform.edges.add(EdgeNode.start(platform.config));
            }
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startGrid() {
        for (int i = 0; i < memberCount; i++) {
            members.add(GridNode.start(config));
        }
    }

    /** Graceful full stop of every member (write-behind flushed), then a fresh start on the same MySQL. */
    public void restartGrid() {
        members.forEach(GridNode::close);
        members.clear();
        startGrid();
    }

    public GridchatConfig config() {
        return config;
    }

    public List<GridNode> members() {
        return members;
    }

    public EdgeNode edge(int index) {
        return edges.get(index);
    }

    public URI http(int edge) {
        return URI.create("http://127.0.0.1:" + edges.get(edge).port());
    }

    public URI ws(int edge, String token) {
        return URI.create("ws://127.0.0.1:" + edges.get(edge).port() + "/ws?token=" + token);
    }

    @Override
    public void close() {
        edges.forEach(EdgeNode::close);
        edges.clear();
        members.forEach(GridNode::close);
        members.clear();
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
}
