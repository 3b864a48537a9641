package io.gridchat.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's offline queue as cursors into room logs: one mark per room, whatever the number of messages,
 * so it stays small and a missed message is never copied per recipient.
 */
public record OfflineMarks(String userId, List<OfflineMark> marks) {
    public OfflineMarks {
        marks = List.copyOf(marks);
    }

    /** Adds {@code seq} of {@code roomId} to the queue. Idempotent and order-free (min/max). */
    public OfflineMarks with(String roomId, long seq) {
        List<OfflineMark> next = new ArrayList<>(marks.size() + 1);
        boolean found = false;
        for (OfflineMark mark : marks) {
            if (mark.roomId().equals(roomId)) {
                next.add(new OfflineMark(roomId, Math.min(mark.fromSeq(), seq), Math.max(mark.lastSeq(), seq)));
                found = true;
            } else {
                next.add(mark);
            }
        }
        if (!found) {
            next.add(new OfflineMark(roomId, seq, seq));
        }
        return new OfflineMarks(userId, next);
    }

    /** Removes what was pushed: seqs up to {@code upToSeq} of {@code roomId}; later ones stay queued. */
    public OfflineMarks without(String roomId, long upToSeq) {
        List<OfflineMark> next = new ArrayList<>(marks.size());
        for (OfflineMark mark : marks) {
            if (!mark.roomId().equals(roomId)) {
                next.add(mark);
            } else if (mark.lastSeq() > upToSeq) {
                next.add(new OfflineMark(roomId, Math.max(mark.fromSeq(), upToSeq + 1), mark.lastSeq()));
            }
        }
        return new OfflineMarks(userId, next);
    }
}
