package io.gridchat.edge.ratelimit;

import com.hazelcast.map.IMap;
import io.gridchat.config.LimitSettings;
import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Futures;
import io.gridchat.model.RateWindow;
import io.gridchat.model.processor.ReturnPermit;
import io.gridchat.model.processor.TakePermit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes permits of the rate limits. The count lives in the grid (one {@link TakePermit} on the key's partition:
 * check and count in one step, the same count for every edge node); this node only remembers refusals until
 * their retry time, so a client that keeps going past a limit costs the grid nothing meanwhile. Thread-safe;
 * completions run on Hazelcast's callback threads.
 */
public final class RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final IMap<String, RateWindow> windows;
    private final LimitSettings limits;
    private final long windowMillis;
    private final RecentRefusals refusals = new RecentRefusals();

    public RateLimiter(IMap<String, RateWindow> windows, LimitSettings limits) {
        this.windows = windows;
        this.limits = limits;
        this.windowMillis = limits.rateWindowMillis();
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
        long refusedFor = refusals.remaining(key, System.currentTimeMillis());
        if (refusedFor > 0) {
            return CompletableFuture.failedFuture(refusal(limit, perWindow, refusedFor));
        }
        return windows.submitToKey(key, new TakePermit(perWindow, windowMillis)).thenApply(verdict -> {
            if (!verdict.allowed()) {
                refusals.add(key, System.currentTimeMillis() + verdict.retryAfterMs());
                throw refusal(limit, perWindow, verdict.retryAfterMs());
            }
            return new Permit(key, verdict.windowStart());
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

    /** Gives a permit back (e.g. the send it was taken for was refused); asynchronous, best effort. */
    public void giveBack(Permit permit) {
        if (permit == Permit.UNLIMITED) {
            return;
        }
        refusals.forget(permit.key());
        windows.submitToKey(permit.key(), new ReturnPermit(permit.windowStart(), windowMillis))
                .whenComplete((returned, failure) -> {
                    if (failure != null) {
                        LOG.debug("could not give back a permit of {}: {}", permit.key(), failure.toString());
                    }
                });
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
