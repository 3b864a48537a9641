package io.gridchat.edge;

import io.gridchat.config.ConfigLoader;
import io.gridchat.config.GridchatConfig;
import io.gridchat.edge.ApiClient.Account;
import io.gridchat.grid.GridNode;
import io.gridchat.grid.TestGrid;
import io.gridchat.mapstores.ShardSql;
import io.gridchat.model.MapNames;
import io.gridchat.model.OfflineMark;
import io.gridchat.model.OfflineMarks;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.Awaitility;

/**
 * The whole platform in one JVM for end-to-end tests: real grid members (loopback, own cluster name), real
 * edge nodes on free ports, real MariaDB shards. One per test class; close it in {@code @AfterAll}.
 */
public final class Platform implements AutoCloseable {
    /**
     * Tests send, connect and fail logins from 127.0.0.1 far faster than people do, so the rate limits are raised
     * (not turned off: every test still takes its permits); RateLimitTest sets small ones.
     */
    static final Map<String, String> HIGH_RATE_LIMITS = Map.of("limits.messagesPerUser", "1000000",
            "limits.apiCallsPerUser", "1000000", "limits.connectsPerAddress", "1000000",
            "limits.failedLoginsPerAddress", "1000000", "limits.failedLoginsPerUsername", "1000000");

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
        return start(memberCount, edgeCount, extra, overrides -> { });
    }

    /** {@code adjust} may rewrite the final config keys, e.g. to route a shard through a {@code TcpProxy}. */
    public static Platform start(int memberCount, int edgeCount, Map<String, String> extra,
                                 Consumer<Map<String, String>> adjust) {
        Map<String, String> overrides = TestGrid.overrides("e2e", memberCount);
        overrides.put("edge.port", "0");
        overrides.put("auth.pbkdf2Iterations", "1000");
        overrides.put("grid.deliverySnapshotMillis", "500");
        overrides.putAll(HIGH_RATE_LIMITS);
        overrides.putAll(extra);
        adjust.accept(overrides);
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

    public void startGrid() {
        for (int i = 0; i < memberCount; i++) {
            members.add(GridNode.start(config));
        }
        TestGrid.awaitSafe(members);
    }

    /** Graceful full stop of every member (write-behind flushed), then a fresh start on the same MySQL. */
    public void restartGrid() {
        stopGrid();
        startGrid();
    }

    /** Graceful stop of every member (write-behind flushed); {@link #startGrid} brings them back. */
    public void stopGrid() {
        members.forEach(GridNode::close);
        members.clear();
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

    /** A new user, the owner of a new group room, joined to it on one connection to an edge node. */
    public record InRoom(Account user, String room, WsClient ws) implements AutoCloseable {
        @Override
        public void close() {
            ws.close();
        }
    }

    /** Registers a user named after {@code name}, who creates a group room and joins it on a connection to edge 0. */
    public InRoom ownerInNewGroup(String name) {
        ApiClient api = new ApiClient(http(0));
        Account user = api.register(ApiClient.uniqueName(name));
        String room = api.createRoom(user, name, "group");
        WsClient ws = WsClient.connect(ws(0, user.token()));
        ws.ack("join", "room", room);
        return new InRoom(user, room, ws);
    }

    /** {@code user} joins {@code room} once, then has no connection left: a member who is away. */
    public void joinThenGoAway(int edge, Account user, String room) {
        try (WsClient once = WsClient.connect(ws(edge, user.token()))) {
            once.ack("join", "room", room);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                members.get(0).instance().getMap(MapNames.SESSIONS).get(user.userId()) == null);
    }

    /** The seqs of {@code room} in MySQL (all shards), ascending; flush first to see every acked one. */
    public List<Long> storedSeqs(String room) {
        return storedSeqs(room, config.mysql().shards());
    }

    /** As {@link #storedSeqs(String)}, reading the given shard URLs (e.g. past a cut proxy). */
    public List<Long> storedSeqs(String room, List<String> shards) {
        return ShardSql.messageSeqs(config.mysql(), shards, room);
    }

    /** The last seq of {@code room} queued for {@code userId} while away, or -1 when nothing is queued. */
    public long lastQueuedOffline(String userId, String room) {
        OfflineMarks marks = members.get(0).instance().<String, OfflineMarks>getMap(MapNames.OFFLINE).get(userId);
        if (marks == null) {
            return -1;
        }
        return marks.marks().stream().filter(mark -> mark.roomId().equals(room)).mapToLong(OfflineMark::lastSeq)
                .findFirst().orElse(-1);
    }
}
