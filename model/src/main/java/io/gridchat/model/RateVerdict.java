package io.gridchat.model;

/**
 * Result of taking rate-limit permits ({@code TakePermit}).
 *
 * @param allowed      at least one permit was taken and counted
 * @param retryAfterMs when refused: milliseconds until one would be allowed; 0 when allowed
 * @param windowStart  the fixed window the permits were counted in, to give them back ({@code ReturnPermit})
 * @param granted      how many permits were counted: 1 to the number asked for when allowed, 0 when refused
 */
public record RateVerdict(boolean allowed, long retryAfterMs, long windowStart, int granted) {
}
