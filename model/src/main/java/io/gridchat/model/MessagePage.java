package io.gridchat.model;

import java.util.List;

/**
 * A run of consecutive messages of a room, oldest first, with the room's latest seq when read.
 * {@code hasMore} tells that messages after the last one exist but were cut by the page limit.
 */
public record MessagePage(ReadOutcome outcome, List<ChatMessage> messages, long lastSeq, boolean hasMore) {
    public MessagePage {
        messages = List.copyOf(messages);
    }

    public static MessagePage refused(ReadOutcome outcome) {
        return new MessagePage(outcome, List.of(), 0, false);
    }
}
