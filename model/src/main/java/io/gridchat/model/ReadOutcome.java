package io.gridchat.model;

/** How a read of a room's messages ended. */
public enum ReadOutcome {
    OK, NOT_MEMBER
}
