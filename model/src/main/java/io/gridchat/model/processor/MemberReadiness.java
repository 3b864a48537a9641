package io.gridchat.model.processor;

/**
 * Whether a member finished creating its MapStore-backed maps. Until then a processor or task that reaches
 * into another map is refused with a retryable exception (the caller's invocation retries it, typically on
 * the same member a moment later): creating such a map on a partition thread waits for its initial load,
 * which needs the partition threads, and a member joining a cluster under load deadlocked that way.
 * One volatile read per nested map access. Thread-safe.
 */
public final class MemberReadiness {
    /** Key of the member's instance in its user context. */
    public static final String USER_CONTEXT_KEY = "gridchat.readiness";

    private volatile boolean ready;

    public void markReady() {
        ready = true;
    }

    public boolean ready() {
        return ready;
    }
}
