package io.gridchat.bench.faults;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fault driver's command line. Immutable.
 *
 * @param edges        WebSocket bases of the edge nodes (ws://host:port); client i starts on edge i mod n
 * @param mysqlShards  JDBC URLs of the shards, straight to the database (not through the forwarder)
 * @param drainSeconds most time to wait after {@code stop} for acks and for MySQL to hold every acked send
 * @param acksFile     where to write the acked sends for {@link FaultVerify}, or null
 */
record FaultOptions(String scenario, List<URI> edges, int rooms, int participants, int connections, double rate,
                    long ackTimeoutMillis, int drainSeconds, List<String> mysqlShards, String mysqlUser,
                    String mysqlPassword, String userPrefix, Path acksFile) {

    static final String USAGE = """
            usage: FaultDriver [options]; then commands on stdin, one a line:
                     fault-start TEXT | fault-end | stop   (stop: no new sends; drain, verify, print JSON)
              --scenario NAME         label of the JSON line (default x)
              --edges URL,URL         edge nodes, ws://host:port (default ws://127.0.0.1:8180,ws://127.0.0.1:8181)
              --rooms R (100) --participants P (4) --connections N (R*P/4, at least P)
              --rate S                sends per second over all clients, open model (default 400)
              --ack-timeout-ms MS     a send not acked this long is sent again, same clientMsgId (default 5000)
              --drain SECONDS         most wait after stop for acks and stored rows (default 180)
              --mysql-shards URL,URL  JDBC URLs of all shards (required)
              --mysql-user U (root) --mysql-password PW (empty) --user-prefix P (default f<time>)
              --acks-file PATH        write the acked sends there at the end, for FaultVerify (default none)
            """;

    private static final Set<String> KEYS = Set.of("scenario", "edges", "rooms", "participants", "connections",
            "rate", "ack-timeout-ms", "drain", "mysql-shards", "mysql-user", "mysql-password", "user-prefix",
            "acks-file");

    static FaultOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!KEYS.contains(key) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
            }
            values.put(key, args[i + 1]);
        }
        int rooms = number(values, "rooms", 100);
        int participants = number(values, "participants", 4);
        int connections = number(values, "connections", Math.max(participants, rooms * participants / 4));
        if (!values.containsKey("mysql-shards")) {
            throw new IllegalArgumentException("--mysql-shards is required");
        }
        if (connections < participants || (long) connections > (long) rooms * participants) {
            throw new IllegalArgumentException("connections must be between participants and rooms x participants");
        }
        return new FaultOptions(values.getOrDefault("scenario", "x"),
                split(values.getOrDefault("edges", "ws://127.0.0.1:8180,ws://127.0.0.1:8181")).stream()
                        .map(URI::create).toList(),
                rooms, participants, connections, Double.parseDouble(values.getOrDefault("rate", "400")),
                number(values, "ack-timeout-ms", 5000), number(values, "drain", 180),
                split(values.get("mysql-shards")), values.getOrDefault("mysql-user", "root"),
                values.getOrDefault("mysql-password", ""),
                values.getOrDefault("user-prefix", "f" + Long.toString(System.currentTimeMillis(), 36)),
                values.containsKey("acks-file") ? Path.of(values.get("acks-file")) : null);
    }

    /** The HTTP base of an edge node's WebSocket base. */
    static URI http(URI ws) {
        return URI.create(ws.toString().replaceFirst("^ws", "http"));
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static int number(Map<String, String> values, String key, int fallback) {
        String value = values.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
