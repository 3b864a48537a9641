package io.gridchat.edge;

import com.hazelcast.core.ExecutionCallback;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** Small bridges between Hazelcast callbacks and CompletableFuture. */
public final class Futures {
    private Futures() {
    }

    public static <T> CallbackFuture<T> callback() {
        return new CallbackFuture<>();
    }

    /**
     * Starts a grid call and returns its stage; a call refused before it left (the client throws at once, e.g.
     * HazelcastOverloadException past edge.maxGridCallsInFlight) comes back as a failed stage too. For calls whose
     * caller is a timer or callback rather than a request: a throw there would end the task unseen (a periodic
     * one for good) instead of reaching the failure handling the call already has.
     */
    public static <T> CompletionStage<T> call(Supplier<? extends CompletionStage<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The cause worth reporting: unwraps CompletionException and ExecutionException layers. */
    public static Throwable rootOf(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** A CompletableFuture completed by a Hazelcast ExecutionCallback. */
    public static final class CallbackFuture<T> extends CompletableFuture<T> implements ExecutionCallback<T> {
        @Override
        public void onResponse(T response) {
            complete(response);
        }

        @Override
        public void onFailure(Throwable failure) {
            completeExceptionally(failure);
        }
    }
}
