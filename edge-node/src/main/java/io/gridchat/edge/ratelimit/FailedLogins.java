package io.gridchat.edge.ratelimit;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.edge.Futures;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The failed-login limits, per client address and per username. Each attempt takes a permit of both before it
 * runs, so concurrent guesses cannot slip past the count; an attempt that fails on wrong credentials keeps them
 * (it counted), any other outcome gives them back. At the limit every login is refused, the right password
 * included, until the window allows one again. Nothing here sees or logs the password. Thread-safe.
 */
public final class FailedLogins {
    /** No valid username is longer; a longer one is counted by address only. */
    private static final int MAX_USERNAME_LENGTH = 32;

    private final RateLimiter limiter;

    public FailedLogins(RateLimiter limiter) {
        this.limiter = limiter;
    }

    public <T> CompletionStage<T> attempt(String address, String username, Supplier<CompletionStage<T>> login) {
        Map<RateLimit, String> subjects = new EnumMap<>(RateLimit.class);
        subjects.put(RateLimit.FAILED_LOGINS_BY_ADDRESS, address);
        if (username != null && !username.isEmpty() && username.length() <= MAX_USERNAME_LENGTH) {
            subjects.put(RateLimit.FAILED_LOGINS_BY_USERNAME, username.toLowerCase(Locale.ROOT));
        }
        return limiter.takeAll(subjects).thenCompose(permits -> run(login).whenComplete((result, failure) -> {
            if (failure == null || !isWrongCredentials(failure)) {
                permits.forEach(limiter::giveBack);
            }
        }));
    }

    private static <T> CompletionStage<T> run(Supplier<CompletionStage<T>> login) {
        try {
            return login.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean isWrongCredentials(Throwable failure) {
        return Futures.rootOf(failure) instanceof ClientError error && error.code() == ErrorCode.UNAUTHORIZED;
    }
}
