package io.gridchat.bench.ws;

/**
 * What a {@link WsConnection} tells its user. Every call for one connection comes from the same selector thread,
 * one at a time, so a listener sees its frames in order; it must not block that thread (other connections share it).
 */
public interface WsListener {
    /** A whole text message (fragments already joined). */
    void onText(WsConnection connection, String text);

    /**
     * The connection is closed: by the server (its close code and reason), by this side ({@link WsConnection#close}:
     * 1000), or by a failure (1006, the failure's text). Called once.
     */
    void onClose(WsConnection connection, int code, String reason);
}
