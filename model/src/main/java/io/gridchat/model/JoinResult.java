package io.gridchat.model;

import java.util.List;

/**
 * Result of {@code JoinRoom}: the room's members after the join, its latest seq and its most recent messages
 * (oldest first; empty when refused; null when they were not all in memory: read them with ReadMessages).
 */
public record JoinResult(JoinOutcome outcome, List<String> participants, long lastSeq, List<ChatMessage> recent) {
    public JoinResult {
        participants = List.copyOf(participants);
        recent = recent == null ? null : List.copyOf(recent);
    }

    public static JoinResult refused(JoinOutcome outcome) {
        return new JoinResult(outcome, List.of(), 0, List.of());
    }
}
