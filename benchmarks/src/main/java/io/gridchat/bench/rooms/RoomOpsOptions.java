package io.gridchat.bench.rooms;

import io.gridchat.bench.load.Edge;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The room benchmark's command line, parsed and checked once. Operations run {@code warmupSeconds} then
 * {@code durationSeconds}; only the second part is measured. Immutable.
 *
 * @param edges         edge nodes; user i (its HTTP calls and its connection) goes to edge i mod edges
 * @param users         users, one WebSocket connection each
 * @param rooms         rooms created for this run
 * @param groupPercent  share of the rooms that are groups; the others are study rooms
 * @param capacity      capacity of the study rooms (2 to the server's limits.maxCapacity)
 * @param rate          room operations (joins and leaves) per second over all connections, open model
 * @param hold          rooms a connection holds between operations: it joins until it holds this many, then
 *                      leaves the oldest and joins again, alternating
 * @param maxHeld       most rooms a connection holds when its oldest join is still unanswered (it joins more
 *                      instead of leaving a room not yet joined); below the server's limits.maxRoomsPerConnection
 * @param activeRate    {@code GET /api/v1/rooms?active=true} requests per second during the run
 * @param activeLimit   their {@code limit} parameter
 * @param userPrefix    usernames are {@code <userPrefix>-<i>}; a new prefix per run gives new users
 */
record RoomOpsOptions(List<Edge> edges, int users, int rooms, int groupPercent, int capacity, double rate,
                      int hold, int maxHeld, double activeRate, int activeLimit, int warmupSeconds,
                      int durationSeconds, int drainSeconds, String userPrefix, String password) {

    static final String USAGE = """
            usage: RoomOpsBenchmark [options]
              --edges URL,URL         edge nodes, ws://host:port or http://host:port (default ws://127.0.0.1:8080)
              --users N               users, one connection each (default 200)
              --rooms R               rooms to create (default 10000)
              --group-percent P       share of the rooms that are groups, the rest study rooms (default 10)
              --capacity C            capacity of the study rooms (default 1000)
              --rate S                room operations (joins + leaves) per second, open model (default 2000)
              --hold H                rooms each connection holds: joins up to H, then leaves the oldest and
                                      joins another, alternating (default 4)
              --max-held M            most rooms a connection holds while its oldest join is unanswered (default 150)
              --active-rate A         GET /api/v1/rooms?active=true requests per second, 0 for none (default 5)
              --active-limit L        their limit parameter (default 50)
              --warmup SECONDS        operations before the measurement, latencies not recorded (default 15)
              --duration SECONDS      measured time after the warm-up (default 60)
              --drain SECONDS         most time to wait for the last answers (default 10)
              --user-prefix PREFIX    usernames PREFIX-0, PREFIX-1, ... (default ro<time>)
              --password PW           password of every user (default load-test-password)
            """;

    private static final Set<String> KEYS = Set.of("edges", "users", "rooms", "group-percent", "capacity", "rate",
            "hold", "max-held", "active-rate", "active-limit", "warmup", "duration", "drain", "user-prefix",
            "password");

    static RoomOpsOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KEYS.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(key, args[i + 1]);
        }
        RoomOpsOptions options = new RoomOpsOptions(
                Arrays.stream(values.getOrDefault("edges", "ws://127.0.0.1:8080").split(",")).map(Edge::of).toList(),
                number(values, "users", 200), number(values, "rooms", 10_000), number(values, "group-percent", 10),
                number(values, "capacity", 1000), decimal(values, "rate", 2000), number(values, "hold", 4),
                number(values, "max-held", 150), decimal(values, "active-rate", 5), number(values, "active-limit", 50),
                number(values, "warmup", 15), number(values, "duration", 60), number(values, "drain", 10),
                values.getOrDefault("user-prefix", "ro" + Long.toString(System.currentTimeMillis(), 36)),
                values.getOrDefault("password", "load-test-password"));
        options.check();
        return options;
    }

    private void check() {
        require(users >= 1 && rooms >= 1, "users and rooms must be at least 1");
        require(groupPercent >= 0 && groupPercent <= 100, "group-percent must be 0 to 100");
        require(capacity >= 2, "capacity must be at least 2");
        require(rate > 0 && activeRate >= 0, "rate must be positive, active-rate not negative");
        require(hold >= 1 && maxHeld >= hold, "hold must be at least 1 and max-held at least hold");
        require(maxHeld < rooms, "max-held must stay below rooms (a connection joins rooms it does not hold)");
        require(activeLimit >= 1, "active-limit must be at least 1");
        require(durationSeconds > 0 && warmupSeconds >= 0 && drainSeconds >= 0,
                "duration must be positive, warmup and drain not negative");
        require(userPrefix.matches("[A-Za-z0-9_.-]{1,24}"), "user-prefix must be 1 to 24 of A-Z a-z 0-9 _ . -");
        require(password.length() >= 8, "password must have at least 8 characters");
    }

    Edge edgeOf(int user) {
        return edges.get(user % edges.size());
    }

    String username(int user) {
        return userPrefix + "-" + user;
    }

    /** Room i is a group when {@code i mod 100 < groupPercent}, so groups spread evenly over the rooms. */
    boolean isGroup(int room) {
        return room % 100 < groupPercent;
    }

    int groupRooms() {
        return (int) IntStream.range(0, rooms).filter(this::isGroup).count();
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static double decimal(Map<String, String> values, String key, double fallback) {
        String value = values.get(key);
        return value == null ? fallback : Double.parseDouble(value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
