package io.gridchat.edge.ratelimit;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.model.RateVerdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Permits of one edge node, per rate-limit key, for the limits a user can go fast on. A key used fast asks the grid
 * for several at once ({@code TakePermit} grants up to that many, never past the limit) and takes the rest here,
 * without a grid call each. Every leased permit was counted in the grid when it was leased, so the limit holds over
 * all edge nodes together; the price is that permits unused here cannot be used on another node until they are
 * given back. So a lease is sized to what its key used in about the last {@value #TARGET_MILLIS} ms (a key used
 * slower asks for one at a time), and its unused permits go back to the grid once the key was idle
 * {@value #IDLE_MILLIS} ms ({@link #sweep}) or when the fixed window they were counted in has ended. A node that
 * crashes keeps its unused permits counted until the window slides past them.
 *
 * <p>Permits of a key are handed out in the order they were asked for: one grid call per key at a time, the takes
 * that arrive meanwhile wait in line and are served from its grant in turn, each completed (and so its send passed
 * on to the grid) before the next. A client that sends several messages without waiting for acks thus has them
 * accepted in the order it sent them. Thread-safe: each lease is guarded by its own lock; grid calls and
 * completions run outside it.
 */
final class PermitLeases {
    static final long TARGET_MILLIS = 2_000;
    static final long IDLE_MILLIS = 2_000;
    /** Takes of one key that may wait for its grid call; more are refused as "busy" (a client flooding sends). */
    static final int MAX_WAITING = 1_000;
    private static final long BUSY_RETRY_MS = 1_000;

    /** The grid calls of the limits. */
    interface Grid {
        /** Up to {@code wanted} permits of {@code key}; fails (RATE_LIMITED) when the limit allows none. */
        CompletionStage<RateVerdict> take(String key, int wanted);

        /** Gives {@code permits} of {@code key}, counted in the fixed window starting at {@code takenIn}, back. */
        void giveBack(String key, int permits, long takenIn);
    }

    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();
    private final long windowMillis;
    private final Grid grid;
    private final LongSupplier clock;

    PermitLeases(long windowMillis, Grid grid, LongSupplier clock) {
        this.windowMillis = windowMillis;
        this.grid = grid;
        this.clock = clock;
    }

    /** A permit of {@code key}; a lease holds at most {@code most} (1: none kept, one grid call per permit). */
    CompletionStage<Permit> take(String key, int most) {
        long now = clock.getAsLong();
        while (true) {
            Lease lease = leases.computeIfAbsent(key, absent -> new Lease());
            CompletableFuture<Permit> waiter;
            int ask = 0;
            Unused stale;
            synchronized (lease) {
                if (lease.closed) {
                    leases.remove(key, lease);
                    continue;
                }
                lease.lastUsedAt = now;
                stale = lease.dropEnded(now, windowMillis);
                if (lease.waiting.isEmpty() && !lease.draining && lease.unused > 0) {
                    lease.unused--;
                    return CompletableFuture.completedFuture(new Permit(key, lease.windowStart));
                }
                if (lease.waiting.size() >= MAX_WAITING) {
                    return CompletableFuture.failedFuture(busy());
                }
                waiter = new CompletableFuture<>();
                lease.waiting.add(waiter);
                if (!lease.asking) {
                    lease.asking = true;
                    ask = lease.toAsk(now, most);
                }
            }
            giveBack(key, stale);
            if (ask > 0) {
                call(key, lease, ask, most);
            }
            return waiter;
        }
    }

    private void call(String key, Lease lease, int ask, int most) {
        CompletionStage<RateVerdict> verdict;
        try {
            verdict = grid.take(key, ask);
        } catch (RuntimeException e) {
            verdict = CompletableFuture.failedFuture(e);
        }
        verdict.whenComplete((granted, failure) -> answered(key, lease, granted, failure, most));
    }

    /** The grid answered: waiters are served in line from the grant, or all fail with the refusal. */
    private void answered(String key, Lease lease, RateVerdict verdict, Throwable failure, int most) {
        long now = clock.getAsLong();
        List<CompletableFuture<Permit>> refused = List.of();
        Unused stale = null;
        synchronized (lease) {
            if (failure != null) {
                refused = new ArrayList<>(lease.waiting);
                lease.waiting.clear();
                lease.asking = false;
            } else {
                if (lease.windowStart != verdict.windowStart()) {
                    stale = lease.takeUnused();
                    lease.windowStart = verdict.windowStart();
                }
                lease.unused += verdict.granted();
                lease.granted = verdict.granted();
                lease.grantedAt = now;
                lease.draining = true;
            }
        }
        giveBack(key, stale);
        refused.forEach(waiter -> waiter.completeExceptionally(failure));
        if (failure == null) {
            drain(key, lease, most, now);
        }
    }

    /**
     * Completes the waiters one by one while the lease has permits: each completion runs what waits on it (the
     * send) before the next. New takes meanwhile join the line. Asks the grid again for those left waiting.
     */
    private void drain(String key, Lease lease, int most, long now) {
        int ask;
        while (true) {
            CompletableFuture<Permit> next;
            Permit permit;
            synchronized (lease) {
                if (lease.waiting.isEmpty() || lease.unused == 0) {
                    lease.draining = false;
                    lease.asking = !lease.waiting.isEmpty();
                    ask = lease.asking ? Math.max(lease.toAsk(now, most), Math.min(most, lease.waiting.size())) : 0;
                    break;
                }
                next = lease.waiting.poll();
                lease.unused--;
                permit = new Permit(key, lease.windowStart);
            }
            next.complete(permit);
        }
        if (ask > 0) {
            call(key, lease, ask, most);
        }
    }

    /** Takes a permit back into its lease; false when the lease no longer holds its window (give it to the grid). */
    boolean giveBack(Permit permit) {
        long now = clock.getAsLong();
        Lease lease = leases.get(permit.key());
        if (lease == null) {
            return false;
        }
        synchronized (lease) {
            if (lease.closed || lease.windowStart != permit.windowStart() || now >= lease.windowStart + windowMillis) {
                return false;
            }
            lease.unused++;
            return true;
        }
    }

    /** Ends the leases idle {@value #IDLE_MILLIS} ms, giving their unused permits back to the grid. */
    void sweep() {
        sweep(clock.getAsLong());
    }

    private void sweep(long now) {
        for (Map.Entry<String, Lease> entry : leases.entrySet()) {
            Lease lease = entry.getValue();
            Unused unused;
            synchronized (lease) {
                if (now - lease.lastUsedAt < IDLE_MILLIS || lease.asking || lease.draining) {
                    continue;
                }
                lease.closed = true;
                unused = lease.takeUnused();
            }
            leases.remove(entry.getKey(), lease);
            giveBack(entry.getKey(), unused);
        }
    }

    /** Ends every lease not waiting for the grid (the node stops), giving the unused permits back. */
    void endAll() {
        sweep(Long.MAX_VALUE);
    }

    private void giveBack(String key, Unused unused) {
        if (unused != null) {
            grid.giveBack(key, unused.permits(), unused.takenIn());
        }
    }

    private static ClientError busy() {
        return new ClientError(ErrorCode.UNAVAILABLE, "too many requests waiting, try again shortly", BUSY_RETRY_MS);
    }

    /** Permits to give back, counted in the fixed window starting at {@code takenIn}. */
    private record Unused(int permits, long takenIn) {
    }

    /**
     * One key's permits and line; guarded by its own monitor. A closed lease is out of the map and serves nothing
     * more. {@code asking}: a grid call is out; {@code draining}: waiters are being completed from a grant.
     */
    private static final class Lease {
        final ArrayDeque<CompletableFuture<Permit>> waiting = new ArrayDeque<>();
        long windowStart;
        int unused;
        int granted;
        long grantedAt;
        long lastUsedAt;
        boolean asking;
        boolean draining;
        boolean closed;

        /** Unused permits of a fixed window that has ended, taken out to be given back; null when none. */
        Unused dropEnded(long now, long windowMillis) {
            return now < windowStart + windowMillis ? null : takeUnused();
        }

        /** The unused permits, taken out to be given back; null when none. */
        Unused takeUnused() {
            if (unused == 0) {
                return null;
            }
            Unused taken = new Unused(unused, windowStart);
            unused = 0;
            return taken;
        }

        /**
         * How many permits to ask for, 1 to {@code most}: as many as were used over the last
         * {@value #TARGET_MILLIS} ms at the pace of the last grant, at most twice that grant.
         */
        int toAsk(long now, int most) {
            int used = granted - unused;
            if (used <= 0) {
                return 1;
            }
            long elapsed = Math.max(1, now - grantedAt);
            long pace = (used * TARGET_MILLIS + elapsed - 1) / elapsed;
            return (int) Math.max(1, Math.min(Math.min(most, 2L * granted), pace));
        }
    }
}
