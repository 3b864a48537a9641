package io.gridchat.edge.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridchat.edge.ClientError;
import io.gridchat.edge.ErrorCode;
import io.gridchat.model.RateVerdict;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lease bookkeeping on its own, against a grid whose answers the test gives by hand ({@link Answers}: it
 * counts like {@code TakePermit} and records every call), so the order of events is exact: sizing, the line of
 * waiting takes, giving back, sweeping. The whole path over a real grid and WebSockets: {@code PermitLeaseTest}.
 */
class PermitLeasesTest {
    private static final long WINDOW = 60_000;
    private static final String KEY = "messages:u1";

    private final Answers grid = new Answers();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final PermitLeases leases = new PermitLeases(WINDOW, grid, clock::get);

    @Test
    void when_a_key_is_used_fast_then_leases_grow_to_the_most_and_the_grid_is_asked_less_often() {
        for (int served = 0; served < 40; served++) {
            CompletableFuture<Permit> permit = leases.take(KEY, 8).toCompletableFuture();
            if (!permit.isDone()) {
                grid.answer();
            }
            assertThat(permit.join().windowStart()).isEqualTo(grid.windowStart);
            clock.addAndGet(5);
        }
        assertThat(grid.asked).startsWith(1, 2, 4, 8, 8);
        assertThat(grid.asked.stream().mapToInt(Integer::intValue).sum()).isGreaterThanOrEqualTo(40);
        assertThat(grid.asked).hasSizeLessThan(10);
    }

    @Test
    void when_a_key_is_used_at_peoples_pace_then_it_asks_for_one_permit_at_a_time() {
        for (int i = 0; i < 5; i++) {
            CompletableFuture<Permit> permit = leases.take(KEY, 8).toCompletableFuture();
            grid.answer();
            assertThat(permit).isCompleted();
            clock.addAndGet(5_000);
        }
        assertThat(grid.asked).containsExactly(1, 1, 1, 1, 1);
    }

    @Test
    void when_takes_arrive_while_the_grid_is_asked_then_they_are_served_in_the_order_they_came() {
        List<Integer> served = new ArrayList<>();
        List<CompletableFuture<Permit>> takes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int index = i;
            CompletableFuture<Permit> permit = leases.take(KEY, 4).toCompletableFuture();
            takes.add(permit);
            permit.thenRun(() -> {
                served.add(index);
                // A take made while earlier ones are being served waits behind the rest of the line.
                if (index == 1) {
                    leases.take(KEY, 4).thenRun(() -> served.add(100));
                }
            });
        }
        assertThat(grid.asked).as("one grid call at a time per key").containsExactly(1);
        while (grid.pending()) {
            grid.answer();
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100);
        assertThat(takes).allMatch(CompletableFuture::isDone);
        assertThat(grid.asked).as("then as many as wait, up to the most").containsExactly(1, 4, 4, 4);
    }

    @Test
    void when_the_grid_refuses_then_every_waiting_take_fails_with_the_refusal() {
        grid.limit = 2;
        List<CompletableFuture<Permit>> takes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            takes.add(leases.take(KEY, 4).toCompletableFuture());
        }
        while (grid.pending()) {
            grid.answer();
        }
        assertThat(takes.subList(0, 2)).allMatch(take -> take.isDone() && !take.isCompletedExceptionally());
        for (CompletableFuture<Permit> refused : takes.subList(2, 4)) {
            assertThat(refused).isCompletedExceptionally();
            assertThat(refused.handle((permit, failure) -> failure).join()).isInstanceOf(CompletionException.class)
                    .hasRootCauseInstanceOf(ClientError.class);
        }
    }

    @Test
    void when_a_key_goes_idle_or_its_window_ends_then_unused_permits_go_back_to_the_grid() {
        for (int i = 0; i < 4; i++) {
            CompletableFuture<Permit> permit = leases.take(KEY, 8).toCompletableFuture();
            if (!permit.isDone()) {
                grid.answer();
            }
        }
        assertThat(grid.counted).as("1 + 2 + 4 leased for 4 takes").isEqualTo(7);
        clock.addAndGet(PermitLeases.IDLE_MILLIS - 1);
        leases.sweep();
        assertThat(grid.counted).as("not idle long enough").isEqualTo(7);
        clock.addAndGet(1);
        leases.sweep();
        assertThat(grid.returned).containsExactly(3);
        assertThat(grid.counted).isEqualTo(4);
        assertThat(leases.take(KEY, 8)).as("a new lease after the sweep").isNotCompleted();
        grid.answer();

        // A permit of a window that has ended is never handed out: it goes back, and the grid is asked again.
        clock.addAndGet(1);
        leases.take(KEY, 8);
        grid.answer();
        assertThat(grid.asked).endsWith(1, 2);
        long windowEnd = grid.windowStart + WINDOW;
        grid.windowStart = windowEnd;
        clock.set(windowEnd);
        CompletableFuture<Permit> next = leases.take(KEY, 8).toCompletableFuture();
        assertThat(next).isNotCompleted();
        assertThat(grid.returned).containsExactly(3, 1);
        grid.answer();
        assertThat(next.join().windowStart()).isEqualTo(windowEnd);
    }

    @Test
    void when_a_permit_is_given_back_then_its_lease_serves_it_again_without_a_grid_call() {
        CompletableFuture<Permit> first = leases.take(KEY, 8).toCompletableFuture();
        grid.answer();
        assertThat(leases.giveBack(first.join())).isTrue();
        assertThat(leases.take(KEY, 8)).isCompleted();
        assertThat(grid.asked).containsExactly(1);
        assertThat(leases.giveBack(new Permit(KEY, 0))).as("another window: to the grid").isFalse();
    }

    @Test
    void when_a_client_floods_one_key_then_takes_past_the_line_limit_are_refused_as_busy() {
        for (int i = 0; i < PermitLeases.MAX_WAITING; i++) {
            leases.take(KEY, 4);
        }
        CompletableFuture<Permit> flooded = leases.take(KEY, 4).toCompletableFuture();
        assertThat(flooded).isCompletedExceptionally();
        assertThat(flooded.handle((permit, failure) -> failure).join()).isInstanceOfSatisfying(ClientError.class,
                error -> assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    /** A grid that counts like {@code TakePermit} in one fixed window and answers only when told to. */
    private static final class Answers implements PermitLeases.Grid {
        final List<Integer> asked = new ArrayList<>();
        final List<Integer> returned = new ArrayList<>();
        final Queue<Runnable> waiting = new ArrayDeque<>();
        long windowStart = 960_000;
        int limit = 1_000;
        int counted;

        @Override
        public CompletionStage<RateVerdict> take(String key, int wanted) {
            asked.add(wanted);
            CompletableFuture<RateVerdict> verdict = new CompletableFuture<>();
            waiting.add(() -> {
                int granted = Math.min(wanted, limit - counted);
                if (granted == 0) {
                    verdict.completeExceptionally(new CompletionException(
                            new ClientError(ErrorCode.RATE_LIMITED, "too many", 1_000)));
                    return;
                }
                counted += granted;
                verdict.complete(new RateVerdict(true, 0, windowStart, granted));
            });
            return verdict;
        }

        @Override
        public void giveBack(String key, int permits, long takenIn) {
            returned.add(permits);
            counted -= permits;
        }

        boolean pending() {
            return !waiting.isEmpty();
        }

        void answer() {
            waiting.remove().run();
        }
    }
}
