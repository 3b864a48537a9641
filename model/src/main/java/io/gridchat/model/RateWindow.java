package io.gridchat.model;

/**
 * One rate limit's count for one key (user, address or username): a sliding-window counter. Time is cut into
 * fixed windows of the limit's length (multiples of it since the epoch); the entry keeps the count of the current
 * window and of the one before it. The sliding window that ends now overlaps the previous fixed window by
 * {@code (W - elapsed) / W}, so its estimated count is {@code previous * (W - elapsed) / W + current}: one more is
 * allowed while that stays within the limit. O(1): three numbers, whatever the limit. Immutable.
 *
 * @param windowStart start of the current fixed window, epoch millis
 * @param previous    permits taken in the fixed window before it
 * @param current     permits taken in the current fixed window
 */
public record RateWindow(long windowStart, int previous, int current) {

    /**
     * {@code stored} (null: none) moved to the fixed window holding {@code now}. A count two or more windows old,
     * or laid out for another window length, is forgotten. A stored window ahead of {@code now} (a member with a
     * slower clock took over) is kept as it is, so no permit is handed out twice.
     */
    public static RateWindow at(RateWindow stored, long now, long windowMillis) {
        long start = now - Math.floorMod(now, windowMillis);
        if (stored == null) {
            return new RateWindow(start, 0, 0);
        }
        if (stored.windowStart >= start) {
            return stored;
        }
        if (stored.windowStart == start - windowMillis) {
            return new RateWindow(start, stored.current, 0);
        }
        return new RateWindow(start, 0, 0);
    }

    /**
     * 0 when one more permit is allowed at {@code now}; otherwise how many milliseconds until one is, if no other
     * is taken meanwhile (a permit given back can make it sooner). {@code now} lies in this window.
     */
    public long retryAfter(long now, long windowMillis, int limit) {
        long elapsed = Math.max(0, Math.min(windowMillis - 1, now - windowStart));
        if (previous * (windowMillis - elapsed) + (current + 1L) * windowMillis <= limit * windowMillis) {
            return 0;
        }
        if (current + 1L <= limit) {
            // Within this window, once enough of the previous window's weight has slid out.
            long allowedWeight = (limit - current - 1L) * windowMillis;
            return windowMillis - allowedWeight / previous - elapsed;
        }
        // In the next window, where this window's count is the weighted one and nothing new is counted yet.
        long allowedWeight = (limit - 1L) * windowMillis;
        return windowMillis - elapsed + windowMillis - allowedWeight / current;
    }

    /**
     * How many more permits are allowed at {@code now} (0 when {@link #retryAfter} is positive): the most that can
     * be counted at once without the sliding estimate passing {@code limit}. {@code now} lies in this window.
     */
    public int available(long now, long windowMillis, int limit) {
        long elapsed = Math.max(0, Math.min(windowMillis - 1, now - windowStart));
        long room = Math.floorDiv((long) limit * windowMillis - previous * (windowMillis - elapsed), windowMillis)
                - current;
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, room));
    }

    public RateWindow plus(int permits) {
        return new RateWindow(windowStart, previous, current + permits);
    }

    /**
     * {@code permits} taken in the fixed window starting at {@code takenIn} given back (never below zero);
     * unchanged if that window no longer counts.
     */
    public RateWindow minus(int permits, long takenIn, long windowMillis) {
        if (takenIn == windowStart && current > 0) {
            return new RateWindow(windowStart, previous, Math.max(0, current - permits));
        }
        if (takenIn == windowStart - windowMillis && previous > 0) {
            return new RateWindow(windowStart, Math.max(0, previous - permits), current);
        }
        return this;
    }

    public boolean isEmpty() {
        return previous == 0 && current == 0;
    }

    /** How long this count matters from {@code now}: to the end of the next fixed window. */
    public long ttlMillis(long now, long windowMillis) {
        return Math.max(1, windowStart + 2 * windowMillis - now);
    }
}
