package io.gridchat.edge.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keys the grid refused lately, until the retry time it named: asking again before then would be refused again
 * (a permit given back elsewhere could free one a little sooner; the client then waits a little longer). Bounded:
 * past {@value #SWEEP_AT} keys the expired ones are dropped, and if that is not enough, all of them (they are only
 * a shortcut; the grid stays the judge). Thread-safe.
 */
final class RecentRefusals {
    static final int SWEEP_AT = 10_000;

    private final ConcurrentMap<String, Long> refusedUntil = new ConcurrentHashMap<>();

    /** Milliseconds until {@code key} may be asked again; 0 when it may now. */
    long remaining(String key, long now) {
        Long until = refusedUntil.get(key);
        if (until == null) {
            return 0;
        }
        if (until <= now) {
            refusedUntil.remove(key, until);
            return 0;
        }
        return until - now;
    }

    void add(String key, long until) {
        if (refusedUntil.size() >= SWEEP_AT) {
            long now = System.currentTimeMillis();
            refusedUntil.values().removeIf(time -> time <= now);
            if (refusedUntil.size() >= SWEEP_AT) {
                refusedUntil.clear();
            }
        }
        refusedUntil.put(key, until);
    }

    void forget(String key) {
        refusedUntil.remove(key);
    }
}
