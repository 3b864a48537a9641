package io.gridchat.bench.load;

import java.net.URI;

/**
 * An edge node's HTTP base and WebSocket base, e.g. http://127.0.0.1:8080 and ws://127.0.0.1:8080. Immutable.
 * Public for the other drivers ({@code io.gridchat.bench.rooms}).
 */
public record Edge(URI http, URI ws) {

    /** Parses {@code ws://}, {@code wss://}, {@code http://} or {@code https://host:port}. */
    public static Edge of(String address) {
        URI uri = URI.create(address.strip().replaceAll("/+$", ""));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String rest = uri.getRawSchemeSpecificPart();
        return switch (scheme) {
            case "ws", "http" -> new Edge(URI.create("http:" + rest), URI.create("ws:" + rest));
            case "wss", "https" -> new Edge(URI.create("https:" + rest), URI.create("wss:" + rest));
            default -> throw new IllegalArgumentException("edge address needs ws, wss, http or https: " + address);
        };
    }
}
