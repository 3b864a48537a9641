package io.gridchat.bench.ws;

import java.io.IOException;

/** The server answered the WebSocket upgrade with something other than 101 (a 401, a 429, ...). */
public final class WsRefusedException extends IOException {
    private final String status;

    WsRefusedException(String status, String statusLine) {
        super("upgrade refused: " + statusLine);
        this.status = status;
    }

    /** The HTTP status code as the server sent it. */
    public String status() {
        return status;
    }
}
