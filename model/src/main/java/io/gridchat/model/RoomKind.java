package io.gridchat.model;

import java.util.Locale;

/** The kinds of room of protocol v1. */
public enum RoomKind {
    STUDY, GROUP, DM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; returns null for anything else. */
    public static RoomKind fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (RoomKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
