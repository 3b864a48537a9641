package io.gridchat.model;

import java.util.List;

/** Result of {@code JoinRoom}: the room's members after the join and its latest seq. */
public record JoinResult(JoinOutcome outcome, List<String> participants, long lastSeq) {
    public JoinResult {
        participants = List.copyOf(participants);
    }

    public static JoinResult refused(JoinOutcome outcome) {
        return new JoinResult(outcome, List.of(), 0);
    }
}
