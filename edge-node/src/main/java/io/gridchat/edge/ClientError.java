package io.gridchat.edge;

import io.gridchat.model.GridchatException;

/**
 * An expected refusal of a client request: carries the protocol code and a message safe to show the client.
 * Thrown (or completed exceptionally) by services; HTTP and WebSocket turn it into their error shape.
 */
public final class ClientError extends GridchatException {
    private final ErrorCode code;

    public ClientError(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ClientError badRequest(String message) {
        return new ClientError(ErrorCode.BAD_REQUEST, message);
    }
}
