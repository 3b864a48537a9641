package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.config.GridSettings;

/** Reads what a member put in its user context for processors and tasks that run on it. */
final class GridContext {
    private GridContext() {
    }

    static GridSettings settings(HazelcastInstance instance) {
        Object settings = instance.getUserContext().get(GridSettings.USER_CONTEXT_KEY);
        if (settings instanceof GridSettings gridSettings) {
            return gridSettings;
        }
        throw new IllegalStateException("member has no GridSettings in its user context under " + GridSettings.USER_CONTEXT_KEY);
    }

    /** The member's backpressure; a member without one (a bare test member) never refuses. */
    static boolean overloaded(HazelcastInstance instance) {
        return instance.getUserContext().get(Backpressure.USER_CONTEXT_KEY) instanceof Backpressure backpressure
                && backpressure.refusing();
    }
}
