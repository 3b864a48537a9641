package io.gridchat.edge;

import com.hazelcast.core.HazelcastOverloadException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Takes call slots of an edge node's grid client (edge.maxGridCallsInFlight) with calls that wait. */
final class CallSlots {
    private CallSlots() {
    }

    /** Takes one slot with {@code call}, a call that waits, into {@code taken}; false when the client refuses it. */
    static boolean take(Supplier<CompletionStage<?>> call, List<CompletableFuture<?>> taken) {
        try {
            taken.add(call.get().toCompletableFuture());
            return true;
        } catch (HazelcastOverloadException e) {
            return false;
        }
    }
}
