package io.gridchat.model.processor;

/**
 * A member's verdict on whether it can take more messages, set by a sampler on the member and read by every
 * send: it refuses once the unsaved messages exceed their bound or the heap left after the last garbage
 * collection exceeds its share, and accepts again once both are back below (90% of the unsaved bound, the heap
 * share minus 5 points). One volatile read per send. Thread-safe.
 */
public final class Backpressure {
    /** Key of the member's instance in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.backpressure";
    private static final double HEAP_HYSTERESIS = 0.05;

    private final long maxUnsaved;
    private final double maxHeap;
    private volatile boolean refusing;
    private volatile long unsaved;
    private volatile double heap;

    /**
     * @param maxUnsaved most messages not yet in MySQL
     * @param maxHeap    most heap in use right after a collection, as a fraction of the maximum heap
     */
    public Backpressure(long maxUnsaved, double maxHeap) {
        this.maxUnsaved = maxUnsaved;
        this.maxHeap = maxHeap;
    }

    /** A new sample: the member's unsaved messages, and its heap after the last collection (fraction of max). */
    public void sample(long unsavedNow, double heapNow) {
        unsaved = unsavedNow;
        heap = heapNow;
        if (unsavedNow > maxUnsaved || heapNow > maxHeap) {
            refusing = true;
        } else if (unsavedNow < maxUnsaved * 9 / 10 && heapNow < maxHeap - HEAP_HYSTERESIS) {
            refusing = false;
        }
    }

    public boolean refusing() {
        return refusing;
    }

    public long unsaved() {
        return unsaved;
    }

    /** The heap after the last collection at the last sample, as a fraction of the maximum heap. */
    public double heap() {
        return heap;
    }
}
