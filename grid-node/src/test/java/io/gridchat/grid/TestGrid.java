package io.gridchat.grid;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.GridchatConfig;
import io.gridchat.config.MysqlSettings;
import io.gridchat.mapstores.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Real grid members in this JVM on loopback, with a unique cluster name, over fresh MariaDB shards. */
public final class TestGrid implements AutoCloseable {
    private final GridchatConfig config;
    private final List<GridNode> members = new ArrayList<>();

    private TestGrid(GridchatConfig config) {
        this.config = config;
    }

    public static TestGrid start(int memberCount, Map<String, String> extra) {
        MysqlSettings shards = TestDatabase.newShards("grid" + Long.toString(System.nanoTime() % 1_000_000, 36), 4);
        int basePort = 30_000 + (int) (Math.random() * 10_000);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("cluster.name", "gridchat-grid-test-" + UUID.randomUUID());
        overrides.put("cluster.memberPort", Integer.toString(basePort));
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < memberCount + 1; i++) {
            addresses.add("127.0.0.1:" + (basePort + i));
        }
        overrides.put("cluster.members", String.join(",", addresses));
        overrides.put("mysql.shards", String.join(",", shards.shards()));
        overrides.put("mysql.user", shards.user());
        overrides.put("mysql.password", shards.password());
        overrides.put("mysql.poolSize", "4");
        overrides.putAll(extra);
        TestGrid grid = new TestGrid(ConfigLoader.load(overrides));
        try {
            for (int i = 0; i < memberCount; i++) {
                grid.addMember();
            }
            return grid;
        } catch (RuntimeException e) {
            grid.close();
            throw e;
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
