package io.gridchat.bench.load;

import io.gridchat.bench.ws.WsClient;
import io.gridchat.bench.ws.WsConnection;
import io.gridchat.bench.ws.WsListener;
import io.gridchat.bench.ws.WsRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * An edge node's HTTP base and WebSocket base, e.g. http://127.0.0.1:8080 and ws://127.0.0.1:8080. Immutable.
 * Public for the other drivers ({@code io.gridchat.bench.rooms}).
 */
public record Edge(URI http, URI ws) {

    /**
     * Parses {@code ws://} or {@code http://host:port}. No TLS: the generators' {@link WsClient} speaks plain
     * {@code ws://} only, so a {@code wss://} edge is refused here rather than after the setup.
     */
    public static Edge of(String address) {
        URI uri = URI.create(address.strip().replaceAll("/+$", ""));
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        String rest = uri.getRawSchemeSpecificPart();
        return switch (scheme) {
            case "ws", "http" -> new Edge(URI.create("http:" + rest), URI.create("ws:" + rest));
            default -> throw new IllegalArgumentException("edge address needs ws or http (no TLS): " + address);
        };
    }

    /**
     * Opens the chat WebSocket of the user holding {@code token} on this edge node; {@code label} names the
     * connection in errors. Blocks until the server accepted it.
     */
    public WsConnection connect(WsClient client, String token, WsListener listener, String label) {
        URI uri = URI.create(ws + "/ws?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            return client.connect(uri, listener);
        } catch (WsRefusedException e) {
            throw new IllegalStateException(label + " to " + uri.getHost() + ":" + uri.getPort() + " was refused: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(label + " failed", e);
        }
    }
}
