package io.gridchat.edge;

/** Protocol v1 error codes with their HTTP status. */
public enum ErrorCode {
    BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
    ROOM_FULL(409), RATE_LIMITED(429), UNAVAILABLE(503), INTERNAL(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
