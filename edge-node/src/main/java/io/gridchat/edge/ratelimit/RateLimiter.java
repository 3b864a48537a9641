package io.gridchat.edge.ratelimit;

import com.hazelcast.map.IMap;
import io.gridchat.config.LimitSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Futures;
import io.gridchat.model.RateVerdict;
import io.gridchat.model.RateWindow;
import io.gridchat.model.processor.ReturnPermit;
import io.gridchat.model.processor.TakePermit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes permits of the rate limits. The count lives in the grid (one {@link TakePermit} on the key's partition:
 * check and count in one step, the same count for every edge node). This node remembers refusals until their
 * retry time, so a client that keeps going past a limit costs the grid nothing meanwhile, and for the limits a
 * user can go fast on (messages, API calls) it leases several permits in one call when a user does
 * ({@link PermitLeases}). Thread-safe; completions run on Hazelcast's callback threads.
 */
public final class RateLimiter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);
    /** A lease never holds more than this share of a limit, so unused leased permits stay a small part of it. */
    private static final int LEASE_SHARE_DIVISOR = 10;

    private final IMap<String, RateWindow> windows;
    private final LimitSettings limits;
    private final long windowMillis;
    private final RecentRefusals refusals = new RecentRefusals();
    private final PermitLeases leases;
    private final GridCalls calls;
    private final ScheduledFuture<?> sweeping;

    /** What the limiter reports of its grid calls ({@code EdgeMetrics}): a limit's prefix and the call made. */
    public interface GridCalls {
        void called(String limit, String call);
    }

    public RateLimiter(IMap<String, RateWindow> windows, LimitSettings limits, ScheduledExecutorService timer,
                       GridCalls calls) {
        this.windows = windows;
        this.limits = limits;
        this.windowMillis = limits.rateWindowMillis();
        this.calls = calls;
        this.leases = new PermitLeases(windowMillis, new PermitLeases.Grid() {
            @Override
            public CompletionStage<RateVerdict> take(String key, int wanted) {
                return takeFromGrid(RateLimit.ofKey(key), key, wanted);
            }

            @Override
            public void giveBack(String key, int permits, long takenIn) {
                giveBackToGrid(key, permits, takenIn);
            }
        }, System::currentTimeMillis);
        this.sweeping = timer.scheduleWithFixedDelay(leases::sweep,
                PermitLeases.IDLE_MILLIS / 2, PermitLeases.IDLE_MILLIS / 2, TimeUnit.MILLISECONDS);
    }

    /**
     * One permit of {@code limit} for {@code subject}; fails with RATE_LIMITED (and its retryAfterMs) when the
     * limit is reached. A limit that is off answers at once, without a grid call.
     */
    public CompletionStage<Permit> take(RateLimit limit, String subject) {
        int perWindow = limit.perWindow(limits);
        if (perWindow == 0) {
            return CompletableFuture.completedFuture(Permit.UNLIMITED);
        }
        String key = limit.key(subject);
        long now = System.currentTimeMillis();
        long refusedFor = refusals.remaining(key, now);
        if (refusedFor > 0) {
            return CompletableFuture.failedFuture(refusal(limit, perWindow, refusedFor));
        }
        if (limit.leased()) {
            int most = Math.max(1, Math.min(limits.permitLeaseMax(), perWindow / LEASE_SHARE_DIVISOR));
            return leases.take(key, most);
        }
        return takeFromGrid(limit, key, 1).thenApply(verdict -> new Permit(key, verdict.windowStart()));
    }

    /** Up to {@code wanted} permits of {@code key}: one grid call; fails with RATE_LIMITED when none is allowed. */
    private CompletionStage<RateVerdict> takeFromGrid(RateLimit limit, String key, int wanted) {
        int perWindow = limit.perWindow(limits);
        calls.called(limit.prefix(), "take");
        return windows.submitToKey(key, new TakePermit(perWindow, windowMillis, wanted)).thenApply(verdict -> {
            if (!verdict.allowed()) {
                refusals.add(key, System.currentTimeMillis() + verdict.retryAfterMs());
                throw refusal(limit, perWindow, verdict.retryAfterMs());
            }
            return verdict;
        });
    }

    /**
     * A permit of each limit for its subject, all or none: when one is refused, those taken are given back and
     * the refusal with the longest wait is the failure.
     */
    public CompletionStage<List<Permit>> takeAll(Map<RateLimit, String> subjects) {
        List<CompletableFuture<Permit>> taking = new ArrayList<>();
        subjects.forEach((limit, subject) -> taking.add(take(limit, subject).toCompletableFuture()));
        return CompletableFuture.allOf(taking.toArray(CompletableFuture[]::new)).handle((all, failure) -> {
            List<Permit> taken = new ArrayList<>();
            Throwable refused = null;
            for (CompletableFuture<Permit> permit : taking) {
                if (permit.isCompletedExceptionally()) {
                    refused = longerWait(refused, Futures.rootOf(permit.handle((p, f) -> f).join()));
                } else {
                    taken.add(permit.join());
                }
            }
            if (refused != null) {
                taken.forEach(this::giveBack);
                throw refused instanceof RuntimeException runtime ? runtime : new CompletionException(refused);
            }
            return taken;
        });
    }

    /**
     * Gives a permit back (e.g. the send it was taken for was refused): into its lease if it came from one that
     * still holds its window, else to the grid, asynchronously and best effort.
     */
    public void giveBack(Permit permit) {
        if (permit == Permit.UNLIMITED) {
            return;
        }
        refusals.forget(permit.key());
        if (!leases.giveBack(permit)) {
            giveBackToGrid(permit.key(), 1, permit.windowStart());
        }
    }

    private void giveBackToGrid(String key, int permits, long takenIn) {
        calls.called(RateLimit.ofKey(key).prefix(), "return");
        windows.submitToKey(key, new ReturnPermit(permits, takenIn, windowMillis))
                .whenComplete((returned, failure) -> {
                    if (failure != null) {
                        LOG.debug("could not give back {} permits of {}: {}", permits, key, failure.toString());
                    }
                });
    }

    /** Stops sweeping and gives every unused leased permit back (the node stops; asynchronous, best effort). */
    @Override
    public void close() {
        sweeping.cancel(false);
        leases.endAll();
    }

    private ClientError refusal(RateLimit limit, int perWindow, long retryAfterMs) {
        return new ClientError(ErrorCode.RATE_LIMITED, limit.refusal(perWindow, limits.rateWindowSeconds()),
                Math.max(1, retryAfterMs));
    }

    /** A refusal rather than a grid failure, and of refusals the one with the longer wait. */
    private static Throwable longerWait(Throwable kept, Throwable next) {
        if (kept == null) {
            return next;
        }
        if (next instanceof ClientError refusal && refusal.code() == ErrorCode.RATE_LIMITED) {
            boolean keptLonger = kept instanceof ClientError earlier && earlier.code() == ErrorCode.RATE_LIMITED
                    && earlier.retryAfterMs() >= refusal.retryAfterMs();
            return keptLonger ? kept : next;
        }
        return kept;
    }
}
