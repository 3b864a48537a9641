package io.gridchat.config;

/**
 * An edge node.
 *
 * @param host          interface the HTTP/WebSocket server binds to
 * @param port          its port; 0 picks a free one
 * @param id            the node's id in the sessions map; empty means generated at start
 * @param idleTimeoutSeconds a WebSocket with no traffic for this long is closed (clients ping)
 * @param handshakeTimeoutSeconds an HTTP connection (a request, or an upgrade not yet completed) silent this
 *                    long is closed, so half-open handshakes cannot pile up
 * @param gridCallThreads threads for work that must not run on Jetty threads (password hashing)
 * @param typingExpirySeconds a typing indicator not refreshed for this long goes off by itself
 * @param heartbeatSeconds how often the node tells the grid it lives; three missed beats and the grid
 *                         forgets its connections
 * @param maxGridCallsInFlight grid calls the node may have waiting at once; past four fifths of it a request gets
 *                             UNAVAILABLE at once, so an overloaded grid sheds load instead of queueing without
 *                             bound, and the last fifth is kept for the node's own calls (its inbox reader);
 *                             Hazelcast counts each callback waiting on a call as one more (~3 per request)
 * @param maxInboxLagMillis how far this node's inbox may fall behind (the age of a message when the node takes it
 *                          to write it to its connections); past it the node refuses sends with UNAVAILABLE until
 *                          it catches up; 0 turns it off. Clocks of members and edge nodes must agree well
 *                          within it
 * @param httpTimeoutSeconds an HTTP API request the grid has not answered in this long gets 503 UNAVAILABLE (a
 *                           JSON error like any other); an answer arriving later is dropped
 */
public record EdgeSettings(String host, int port, String id, int idleTimeoutSeconds, int gridCallThreads,
                           int typingExpirySeconds, int heartbeatSeconds, int handshakeTimeoutSeconds,
                           int maxGridCallsInFlight, int maxInboxLagMillis, int httpTimeoutSeconds) {
    public EdgeSettings {
        ConfigException.check(host != null && !host.isBlank(), "edge.host", "must not be empty");
        ConfigException.check(port >= 0 && port < 65536, "edge.port", "must be a port or 0");
        id = id == null ? "" : id.trim();
        ConfigException.check(idleTimeoutSeconds >= 5, "edge.idleTimeoutSeconds", "must be at least 5");
        ConfigException.check(handshakeTimeoutSeconds >= 1, "edge.handshakeTimeoutSeconds", "must be at least 1");
        ConfigException.check(gridCallThreads >= 1, "edge.gridCallThreads", "must be at least 1");
        ConfigException.check(typingExpirySeconds >= 1, "edge.typingExpirySeconds", "must be at least 1");
        ConfigException.check(heartbeatSeconds >= 1, "edge.heartbeatSeconds", "must be at least 1");
        ConfigException.check(maxGridCallsInFlight >= 100, "edge.maxGridCallsInFlight", "must be at least 100");
        ConfigException.check(maxInboxLagMillis == 0 || maxInboxLagMillis >= 100, "edge.maxInboxLagMillis",
                "must be 0 (off) or at least 100");
        ConfigException.check(httpTimeoutSeconds >= 1, "edge.httpTimeoutSeconds", "must be at least 1");
    }
}
