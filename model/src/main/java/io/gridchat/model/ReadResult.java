package io.gridchat.model;

/**
 * The outcome of a {@code read}: whether the reader may read the room, and the read position before and
 * after (equal when nothing advanced: reads are cumulative and never move back).
 */
public record ReadResult(boolean member, long previousSeq, long seq) {
    public boolean advanced() {
        return seq > previousSeq;
    }
}
