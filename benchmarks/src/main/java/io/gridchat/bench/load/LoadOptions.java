package io.gridchat.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The load generator's command line, parsed and checked once. Sending lasts {@code warmupSeconds} then
 * {@code durationSeconds}; only the second part is measured. Immutable.
 *
 * @param edges           edge nodes; connection i (and its HTTP calls) goes to edge i mod edges
 * @param connections     WebSocket connections, one user each
 * @param rooms           rooms created for this run
 * @param participants    participant connections per room
 * @param rate            sends per second over all connections (open model)
 * @param mysqlShards     JDBC URLs of the shards to count stored messages in; empty: not counted
 * @param userPrefix      usernames are {@code <userPrefix>-<i>}; a new prefix per run gives new users
 */
record LoadOptions(List<Edge> edges, int connections, int rooms, int participants, double rate,
                   int durationSeconds, int warmupSeconds, int drainSeconds, List<String> mysqlShards,
                   String mysqlUser, String mysqlPassword, String userPrefix, String password) {

    static final String USAGE = """
            usage: LoadGenerator [options]
              --edges URL,URL         edge nodes, ws://host:port or http://host:port (default ws://127.0.0.1:8080)
              --rooms R               rooms to create (default 200)
              --participants P        participant connections per room (default 10)
              --connections N         connections, one user each; P <= N <= R*P (default R*P);
                                      with N < R*P a connection joins several rooms
              --rate S                sends per second over all connections, open model (default 5000)
              --warmup SECONDS        sending before the measurement, latencies not recorded (default 15)
              --duration SECONDS      measured sending time after the warm-up (default 60)
              --drain SECONDS         most time to wait for acks, deliveries and stored rows (default 30)
              --mysql-shards URL,URL  JDBC URLs; when given, stored messages are counted
              --mysql-user USER       (default root)
              --mysql-password PW     (default empty)
              --user-prefix PREFIX    usernames PREFIX-0, PREFIX-1, ... (default lg<time>)
              --password PW           password of every user (default load-test-password)
            """;

    private static final Set<String> KEYS = Set.of("edges", "rooms", "participants", "connections", "rate",
            "warmup", "duration", "drain", "mysql-shards", "mysql-user", "mysql-password", "user-prefix",
            "password");

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KEYS.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(key, args[i + 1]);
        }
        int rooms = number(values, "rooms", 200);
        int participants = number(values, "participants", 10);
        LoadOptions options = new LoadOptions(
                Arrays.stream(values.getOrDefault("edges", "ws://127.0.0.1:8080").split(",")).map(Edge::of).toList(),
                number(values, "connections", rooms * participants), rooms, participants,
                Double.parseDouble(values.getOrDefault("rate", "5000")),
                number(values, "duration", 60), number(values, "warmup", 15), number(values, "drain", 30),
                list(values.get("mysql-shards")), values.getOrDefault("mysql-user", "root"),
                values.getOrDefault("mysql-password", ""),
                values.getOrDefault("user-prefix", "lg" + Long.toString(System.currentTimeMillis(), 36)),
                values.getOrDefault("password", "load-test-password"));
        options.check();
        return options;
    }

    private void check() {
        require(rooms >= 1 && participants >= 1, "rooms and participants must be at least 1");
        require(connections >= participants, "connections must be at least participants (a room's participants "
                + "are distinct connections)");
        require((long) connections <= (long) rooms * participants, "connections must be at most rooms x participants");
        require(rate > 0, "rate must be positive");
        require(durationSeconds > 0 && warmupSeconds >= 0 && drainSeconds >= 0,
                "duration must be positive, warmup and drain not negative");
        require(userPrefix.matches("[A-Za-z0-9_.-]{1,24}"), "user-prefix must be 1 to 24 of A-Z a-z 0-9 _ . -");
        require(password.length() >= 8, "password must have at least 8 characters");
    }

    Edge edgeOf(int connection) {
        return edges.get(connection % edges.size());
    }

    String username(int connection) {
        return userPrefix + "-" + connection;
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).forEach(items::add);
        }
        return List.copyOf(items);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
