package io.gridchat.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One setup step of a driver: many asynchronous calls with a bounded number in flight, logged with how long
 * the step took. Runs on the calling thread, which it blocks until the step is done. Public for the other
 * drivers ({@code io.gridchat.bench.rooms}).
 */
public final class BoundedCalls {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedCalls.class);
    private static final long STEP_TIMEOUT_MINUTES = 10;

    private BoundedCalls() {
    }

    /**
     * Runs {@code count} calls with at most {@code inFlight} outstanding; stops at the first failure and
     * throws it with {@code what} as context. Returns the results in call order.
     */
    public static <T> List<T> run(String what, int count, int inFlight, IntFunction<CompletableFuture<T>> call) {
        long start = System.nanoTime();
        LOG.info("{} ...", what);
        Semaphore permits = new Semaphore(inFlight);
        List<CompletableFuture<T>> calls = new ArrayList<>(count);
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        for (int i = 0; i < count && !firstFailure.isDone(); i++) {
            permits.acquireUninterruptibly();
            CompletableFuture<T> result = call.apply(i);
            result.whenComplete((value, failure) -> {
                permits.release();
                if (failure != null) {
                    firstFailure.completeExceptionally(failure);
                }
            });
            calls.add(result);
        }
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)), firstFailure)
                    .get(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException ? e.getCause().getCause() : e.getCause();
            throw new IllegalStateException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not finish in " + STEP_TIMEOUT_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted", e);
        }
        LOG.info("{}: done in {} ms", what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
