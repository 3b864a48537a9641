package io.gridchat.model.processor;

import com.hazelcast.core.HazelcastInstance;
import io.gridchat.config.GridSettings;

/** Reads what a member put in its user context for processors and tasks that run on it. */
final class GridContext {
    /** User-context key under which a member publishes its {@link GridSettings}. */
    static final String SETTINGS_KEY = GridSettings.USER_CONTEXT_KEY;

    private GridContext() {
    }

    static GridSettings settings(HazelcastInstance instance) {
        Object settings = instance.getUserContext().get(SETTINGS_KEY);
        if (settings instanceof GridSettings gridSettings) {
            return gridSettings;
        }
        throw new IllegalStateException("member has no GridSettings in its user context under " + SETTINGS_KEY);
    }
}
