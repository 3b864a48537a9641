package io.gridchat.edge;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one shared platform (2 grid members, 2 edge nodes, 4 MariaDB shards), started on first
 * use and closed by JUnit when the whole run ends. Tests on it use their own users and rooms.
 */
public final class SharedPlatform implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Platform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedPlatform.class, key -> new Holder(Platform.start(2, 2)), Holder.class)
                .platform();
    }

    /** Closed by JUnit at the end of the run. */
    record Holder(Platform platform) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            platform.close();
        }
    }
}
