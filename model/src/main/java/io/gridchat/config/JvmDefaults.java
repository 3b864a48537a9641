package io.gridchat.config;

import java.util.concurrent.ForkJoinPool;

/**
 * JVM settings gridchat's processes need, applied first thing in every main. Hazelcast completes async
 * callbacks on the common ForkJoinPool only when its parallelism is above 1, and otherwise starts a new
 * thread per callback; on a 2-core machine the default parallelism is 1, which cost seconds of delivery
 * latency under load. scripts/run.sh passes the same property on the command line.
 */
public final class JvmDefaults {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    private static final int MIN_PARALLELISM = 4;

    private JvmDefaults() {
    }

    /** Must run before anything touches the common pool; fails loudly if that already happened. */
    public static void apply() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, Integer.toString(
                    Math.max(MIN_PARALLELISM, Runtime.getRuntime().availableProcessors())));
        }
        if (ForkJoinPool.getCommonPoolParallelism() <= 1) {
            throw new IllegalStateException("common ForkJoinPool parallelism is "
                    + ForkJoinPool.getCommonPoolParallelism() + "; start the JVM with -D" + PARALLELISM + "=4");
        }
    }
}
