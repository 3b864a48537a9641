package io.gridchat.model;

/**
 * One accepted message. {@code ts} is when the grid accepted it; {@code clientMsgId} may be null.
 */
public record ChatMessage(String roomId, long seq, String msgId, String from, String text, long ts,
                          String clientMsgId) {

    /** Message ids are derived from room and seq: unique, stable across tiers, and free to compute. */
    public static String msgIdOf(String roomId, long seq) {
        return roomId + "-" + seq;
    }
}
