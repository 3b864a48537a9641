package io.gridchat.edge;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridchat.model.GridchatException;

/**
 * An expected refusal of a client request: carries the protocol code and a message safe to show the client.
 * Thrown (or completed exceptionally) by services; HTTP and WebSocket turn it into their error shape.
 */
public final class ClientError extends GridchatException {
    private final ErrorCode code;
    private final long retryAfterMs;

    public ClientError(ErrorCode code, String message) {
        this(code, message, 0);
    }

    /** {@code retryAfterMs}: when the client may try again (RATE_LIMITED, UNAVAILABLE); 0 for no hint. */
    public ClientError(ErrorCode code, String message, long retryAfterMs) {
        super(message);
        this.code = code;
        this.retryAfterMs = retryAfterMs;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterMs() {
        return retryAfterMs;
    }

    /** The protocol's error body: {@code error} (HTTP) or {@code code} (WebSocket), message, retryAfterMs. */
    public ObjectNode toJson(ObjectNode node, String codeField) {
        node.put(codeField, code.name()).put("message", getMessage());
        if (retryAfterMs > 0) {
            node.put("retryAfterMs", retryAfterMs);
        }
        return node;
    }

    public static ClientError badRequest(String message) {
        return new ClientError(ErrorCode.BAD_REQUEST, message);
    }
}
