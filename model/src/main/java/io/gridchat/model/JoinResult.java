package io.gridchat.model;

import java.util.List;

/**
 * Result of {@code JoinRoom}: the room's members after the join, its latest seq, its most recent messages
 * (oldest first; empty when refused; null when they were not all in memory: read them with ReadMessages) and
 * the seq the user has read up to (0 when never).
 */
public record JoinResult(JoinOutcome outcome, List<String> participants, long lastSeq, List<ChatMessage> recent,
                         long readSeq) {
    public JoinResult {
        participants = List.copyOf(participants);
        recent = recent == null ? null : List.copyOf(recent);
    }

    public static JoinResult refused(JoinOutcome outcome) {
        return new JoinResult(outcome, List.of(), 0, List.of(), 0);
    }
}
