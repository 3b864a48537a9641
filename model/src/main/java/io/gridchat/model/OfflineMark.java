package io.gridchat.model;

/** Messages of one room a user missed while they had no connection: seqs {@code fromSeq..lastSeq}. */
public record OfflineMark(String roomId, long fromSeq, long lastSeq) {
    public long count() {
        return lastSeq - fromSeq + 1;
    }
}
