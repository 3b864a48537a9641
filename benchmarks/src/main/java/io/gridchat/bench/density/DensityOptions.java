package io.gridchat.bench.density;

import java.net.URI;
import java.time.Duration;

/**
 * What {@link ConnectionDensity} runs, from its command line ({@code --name value}; a later option wins).
 *
 * @param url          the edge node's HTTP base URL
 * @param serverPid    pid of the edge node's JVM on this machine, for heap and RSS; null: not measured
 * @param connections  N, the idle connections to open and hold
 * @param users        accounts registered; connections share their tokens round-robin (several devices each)
 * @param perAddress   connections per local source address (127.0.1.1, 127.0.1.2, ...): each gives one
 *                     ephemeral port range, about 28,000 ports on Linux
 * @param inFlight     connection attempts at once
 * @param ping         interval of each connection's ping frame; the first one comes at a random point of it
 * @param hold         how long all connections stay open (and ping) before the heap is measured
 * @param warmup       connections opened and closed before the baseline measurement, so one-time costs (class
 *                     loading, pools, JIT) fall into the baseline
 * @param deflate      offer permessage-deflate, as browsers do
 */
record DensityOptions(URI url, Long serverPid, int connections, int users, int perAddress, int inFlight,
                      Duration ping, Duration hold, int warmup, boolean deflate) {
    static final String USAGE = """
            ConnectionDensity: N authenticated, idle, pinging WebSocket connections on one edge node.
              --url URL               edge node HTTP base (http://127.0.0.1:8080)
              --server-pid PID        the edge node's JVM, for heap (jcmd GC.class_histogram) and RSS per connection
              --connections N         connections to hold (2000)
              --users N               accounts whose tokens the connections share (1000)
              --per-address N         connections per source address 127.0.1.x (25000)
              --in-flight N           connection attempts at once (200)
              --ping-seconds N        ping interval per connection (30)
              --hold-seconds N        hold time before measuring; two pings per connection at least (65)
              --warmup N              connections opened and closed before the baseline (100)
              --deflate               offer permessage-deflate, as browsers do
            """;

    DensityOptions {
        require(connections >= 1, "--connections must be at least 1");
        require(users >= 1, "--users must be at least 1");
        require(perAddress >= 1, "--per-address must be at least 1");
        require(inFlight >= 1, "--in-flight must be at least 1");
        require(!ping.isNegative() && !ping.isZero(), "--ping-seconds must be at least 1");
        require(!hold.isNegative(), "--hold-seconds must not be negative");
        require(warmup >= 0, "--warmup must not be negative");
    }

    static DensityOptions parse(String[] args) {
        URI url = URI.create("http://127.0.0.1:8080");
        Long serverPid = null;
        int connections = 2000;
        int users = 1000;
        int perAddress = 25_000;
        int inFlight = 200;
        int pingSeconds = 30;
        int holdSeconds = 65;
        int warmup = 100;
        boolean deflate = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--deflate")) {
                deflate = true;
                continue;
            }
            require(i + 1 < args.length, "missing value for " + name + "\n" + USAGE);
            String value = args[++i];
            switch (name) {
                case "--url" -> url = URI.create(value);
                case "--server-pid" -> serverPid = Long.valueOf(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--users" -> users = Integer.parseInt(value);
                case "--per-address" -> perAddress = Integer.parseInt(value);
                case "--in-flight" -> inFlight = Integer.parseInt(value);
                case "--ping-seconds" -> pingSeconds = Integer.parseInt(value);
                case "--hold-seconds" -> holdSeconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
            }
        }
        return new DensityOptions(url, serverPid, connections, Math.min(users, connections), perAddress, inFlight,
                Duration.ofSeconds(pingSeconds), Duration.ofSeconds(holdSeconds), warmup, deflate);
    }

    /** Source addresses needed for {@link #connections}. */
    int sourceAddresses() {
        return (connections + perAddress - 1) / perAddress;
    }

    URI webSocket(String token) {
        String scheme = "https".equals(url.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + "://" + url.getAuthority() + "/ws?token=" + token);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
