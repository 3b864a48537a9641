package io.gridchat.model;

/**
 * Result of taking a rate-limit permit ({@code TakePermit}).
 *
 * @param allowed      the permit was taken and counted
 * @param retryAfterMs when refused: milliseconds until one would be allowed; 0 when allowed
 * @param windowStart  the fixed window the permit was counted in, to give it back ({@code ReturnPermit})
 */
public record RateVerdict(boolean allowed, long retryAfterMs, long windowStart) {
}
