package io.gridchat.config;

/**
 * An edge node.
 *
 * @param host          interface the HTTP/WebSocket server binds to
 * @param port          its port; 0 picks a free one
 * @param id            the node's id in the sessions map; empty means generated at start
 * @param idleTimeoutSeconds a WebSocket with no traffic for this long is closed (clients ping)
 * @param gridCallThreads threads for work that must not run on Jetty threads (password hashing)
 * @param typingExpirySeconds a typing indicator not refreshed for this long goes off by itself
 * @param heartbeatSeconds how often the node tells the grid it lives; three missed beats and the grid
 *                         forgets its connections
 */
public record EdgeSettings(String host, int port, String id, int idleTimeoutSeconds, int gridCallThreads,
                           int typingExpirySeconds, int heartbeatSeconds) {
    public EdgeSettings {
        ConfigException.check(host != null && !host.isBlank(), "edge.host", "must not be empty");
        ConfigException.check(port >= 0 && port < 65536, "edge.port", "must be a port or 0");
        id = id == null ? "" : id.trim();
        ConfigException.check(idleTimeoutSeconds >= 5, "edge.idleTimeoutSeconds", "must be at least 5");
        ConfigException.check(gridCallThreads >= 1, "edge.gridCallThreads", "must be at least 1");
        ConfigException.check(typingExpirySeconds >= 1, "edge.typingExpirySeconds", "must be at least 1");
        ConfigException.check(heartbeatSeconds >= 1, "edge.heartbeatSeconds", "must be at least 1");
    }
}
