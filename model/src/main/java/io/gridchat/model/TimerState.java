package io.gridchat.model;

import java.util.Locale;

/** Where a study room's shared focus timer stands. */
public enum TimerState {
    RUNNING, PAUSED, ENDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
