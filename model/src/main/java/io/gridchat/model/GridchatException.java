package io.gridchat.model;

/** Root of gridchat's own unchecked exceptions; always keeps its cause. */
public class GridchatException extends RuntimeException {
    public GridchatException(String message) {
        super(message);
    }

    public GridchatException(String message, Throwable cause) {
        super(message, cause);
    }
}
