package io.gridchat.model;

/**
 * How far a member got in a room: every message up to {@code seq} read, up to {@code deliveredSeq} delivered to
 * one of their devices (never below {@code seq}), as of {@code updatedAt}.
 */
public record ReadPosition(String roomId, String userId, long seq, long deliveredSeq, long updatedAt) {
    public long of(ReceiptStatus status) {
        return status == ReceiptStatus.READ ? seq : deliveredSeq;
    }

    /** This position moved to {@code to} for {@code status}; read implies delivered. */
    public ReadPosition advanced(ReceiptStatus status, long to, long now) {
        return status == ReceiptStatus.READ
                ? new ReadPosition(roomId, userId, to, Math.max(deliveredSeq, to), now)
                : new ReadPosition(roomId, userId, seq, to, now);
    }
}
