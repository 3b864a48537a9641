package io.gridchat.bench.load;

/**
 * The text of a load message, {@code b|<run>|<sendNanos>|<send>}: the scheduled send time in this JVM's
 * {@link System#nanoTime()} clock, so every recipient computes the end-to-end latency on arrival. The run
 * token keeps messages of other runs (pushed backlogs) out of the numbers. Immutable, thread-safe.
 */
final class ProbeText {
    /** Returned when a frame or text carries no send time of this run (nanoTime values may be negative). */
    static final long NONE = Long.MIN_VALUE;
    private static final String MESSAGE_FRAME = "{\"type\":\"message\"";

    private final String prefix;
    private final String marker;

    ProbeText(String run) {
        this.prefix = "b|" + run + "|";
        this.marker = "\"text\":\"" + prefix;
    }

    String text(long sendNanos, long send) {
        return prefix + sendNanos + "|" + send;
    }

    static boolean isMessageFrame(String frame) {
        return frame.startsWith(MESSAGE_FRAME);
    }

    /**
     * The send time inside a {@code message} frame of this run, found without a JSON parse: deliveries are
     * ten times as many as sends, and the generator shares the machine with the server. {@link #NONE} when
     * the frame carries no text of this run.
     */
    long sendNanosOfFrame(String frame) {
        int at = frame.indexOf(marker);
        return at < 0 ? NONE : digits(frame, at + marker.length());
    }

    /** The send time in a message text of this run, {@link #NONE} for any other text. */
    long sendNanosOfText(String text) {
        return text.startsWith(prefix) ? digits(text, prefix.length()) : NONE;
    }

    /** The decimal number starting at {@code from} in {@code text}, {@link #NONE} when none starts there. */
    static long digits(String text, int from) {
        boolean negative = from < text.length() && text.charAt(from) == '-';
        int start = negative ? from + 1 : from;
        long value = 0;
        int index = start;
        while (index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
            value = value * 10 + (text.charAt(index) - '0');
            index++;
        }
        if (index == start) {
            return NONE;
        }
        return negative ? -value : value;
    }
}
