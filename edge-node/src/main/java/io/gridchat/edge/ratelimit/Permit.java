package io.gridchat.edge.ratelimit;

/**
 * A permit taken from a rate limit: the window entry it was counted in and the fixed window it counts in, so it
 * can be given back ({@link RateLimiter#giveBack}). Immutable.
 */
public record Permit(String key, long windowStart) {
    /** What a limit that is off hands out; giving it back does nothing. */
    static final Permit UNLIMITED = new Permit("", 0);
}
