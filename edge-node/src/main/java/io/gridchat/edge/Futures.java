package io.gridchat.edge;

import com.hazelcast.core.ExecutionCallback;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small bridges between Hazelcast callbacks and CompletableFuture. */
public final class Futures {
    private Futures() {
    }

    public static <T> CallbackFuture<T> callback() {
        return new CallbackFuture<>();
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
