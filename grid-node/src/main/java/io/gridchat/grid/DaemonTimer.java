package io.gridchat.grid;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one-thread timers a member's upkeep tasks (and the benchmark tools) run on: named for thread dumps, never
 * keeping the JVM alive.
 */
public final class DaemonTimer {
    private DaemonTimer() {
    }

    public static ScheduledExecutorService named(String threadName) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }
}
