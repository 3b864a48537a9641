package io.gridchat.edge.receipts;

import io.gridchat.model.ChatMessage;
import io.gridchat.model.ReceiptStatus;

/**
 * The status of a viewer's own messages in a dm room, from the other member's positions: read, delivered, or
 * sent (accepted and stored). Messages of others, and every message outside dm rooms, carry no status.
 */
public record MessageStatus(String viewerId, long othersReadSeq, long othersDeliveredSeq) {
    /** No status for anything (rooms other than dm). */
    public static final MessageStatus NONE = new MessageStatus("", 0, 0);
    private static final String SENT = "sent";

    /** The protocol's {@code status} of the message, or null when it has none for this viewer. */
    public String of(ChatMessage message) {
        if (this == NONE || !message.from().equals(viewerId)) {
            return null;
        }
        if (message.seq() <= othersReadSeq) {
            return ReceiptStatus.READ.wire();
        }
        return message.seq() <= othersDeliveredSeq ? ReceiptStatus.DELIVERED.wire() : SENT;
    }
}
