package io.gridchat.model.processor;

/**
 * A member's verdict on its write-behind backlog, set by a sampler on the member and read by every send:
 * refusing once the unsaved messages exceed the bound, accepting again below 90% of it. One volatile read
 * per send. Thread-safe.
 */
public final class Backpressure {
    /** Key of the member's instance in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.backpressure";

    private final long maxUnsaved;
    private volatile boolean refusing;
    private volatile long unsaved;

    public Backpressure(long maxUnsaved) {
        this.maxUnsaved = maxUnsaved;
    }

    /** A new sample of the member's unsaved messages. */
    public void sample(long unsavedNow) {
        unsaved = unsavedNow;
        if (unsavedNow > maxUnsaved) {
            refusing = true;
        } else if (unsavedNow < maxUnsaved * 9 / 10) {
            refusing = false;
        }
    }

    public boolean refusing() {
        return refusing;
    }

    public long unsaved() {
        return unsaved;
    }
}
