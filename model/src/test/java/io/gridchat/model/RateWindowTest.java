package io.gridchat.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sliding-window arithmetic on its own: rolling windows, the verdict, the retry time, giving back. */
class RateWindowTest {
    private static final long WINDOW = 1_000;

    @Test
    void when_time_moves_on_then_the_current_count_becomes_the_previous_and_then_is_forgotten() {
        RateWindow counted = new RateWindow(5_000, 2, 7);
        assertThat(RateWindow.at(null, 5_432, WINDOW)).isEqualTo(new RateWindow(5_000, 0, 0));
        assertThat(RateWindow.at(counted, 5_999, WINDOW)).isSameAs(counted);
        assertThat(RateWindow.at(counted, 6_000, WINDOW)).isEqualTo(new RateWindow(6_000, 7, 0));
        assertThat(RateWindow.at(counted, 7_000, WINDOW)).isEqualTo(new RateWindow(7_000, 0, 0));
        assertThat(RateWindow.at(counted, 4_999, WINDOW)).as("a slower clock never resets a count").isSameAs(counted);
    }

    @Test
    void when_a_burst_fills_the_window_then_the_next_permit_waits_until_enough_of_it_slid_out() {
        RateWindow window = RateWindow.at(null, 0, WINDOW);
        for (int i = 0; i < 3; i++) {
            assertThat(window.retryAfter(100, WINDOW, 3)).isZero();
            window = window.plus(1);
        }
        // 3 * (1000 - e) / 1000 + 1 <= 3 from e = 334 of the next window on.
        assertThat(window.retryAfter(100, WINDOW, 3)).isEqualTo(1_234);
        assertThat(RateWindow.at(window, 1_333, WINDOW).retryAfter(1_333, WINDOW, 3)).isPositive();
        assertThat(RateWindow.at(window, 1_334, WINDOW).retryAfter(1_334, WINDOW, 3)).isZero();
        assertThat(RateWindow.at(window, 2_000, WINDOW).retryAfter(2_000, WINDOW, 1)).as("two windows on").isZero();
    }

    @Test
    void when_any_window_is_refused_then_its_retry_time_is_exactly_when_the_next_permit_is_allowed() {
        Random random = new Random(42);
        for (int run = 0; run < 100_000; run++) {
            int limit = 1 + random.nextInt(12);
            long window = random.nextBoolean() ? WINDOW : 60_000;
            RateWindow state = new RateWindow(window * 10, random.nextInt(limit + 3), random.nextInt(limit + 3));
            long now = state.windowStart() + random.nextInt((int) window);
            long wait = state.retryAfter(now, window, limit);
            if (wait == 0) {
                continue;
            }
            assertThat(allowed(state, now + wait, window, limit)).as("%s at %d, limit %d", state, now, limit).isTrue();
            assertThat(allowed(state, now + wait - 1, window, limit)).as("%s at %d, limit %d", state, now, limit)
                    .isFalse();
        }
    }

    @Test
    void when_several_permits_are_asked_at_once_then_exactly_as_many_as_one_by_one_are_available() {
        Random random = new Random(7);
        for (int run = 0; run < 20_000; run++) {
            int limit = 1 + random.nextInt(40);
            long window = random.nextBoolean() ? WINDOW : 60_000;
            RateWindow state = new RateWindow(window * 10, random.nextInt(limit + 3), random.nextInt(limit + 3));
            long now = state.windowStart() + random.nextInt((int) window);
            int oneByOne = 0;
            for (RateWindow taken = state; taken.retryAfter(now, window, limit) == 0; taken = taken.plus(1)) {
                oneByOne++;
            }
            assertThat(state.available(now, window, limit)).as("%s at %d, limit %d", state, now, limit)
                    .isEqualTo(oneByOne);
        }
    }

    private static boolean allowed(RateWindow state, long at, long window, int limit) {
        return RateWindow.at(state, at, window).retryAfter(at, window, limit) == 0;
    }

    @Test
    void when_a_permit_is_given_back_then_the_window_it_was_taken_in_counts_one_less() {
        RateWindow window = new RateWindow(2_000, 2, 1);
        assertThat(window.minus(1, 2_000, WINDOW)).isEqualTo(new RateWindow(2_000, 2, 0));
        assertThat(window.minus(1, 1_000, WINDOW)).isEqualTo(new RateWindow(2_000, 1, 1));
        assertThat(window.minus(1, 0, WINDOW)).as("too old to count").isSameAs(window);
        assertThat(new RateWindow(2_000, 0, 0).minus(1, 2_000, WINDOW).isEmpty()).isTrue();
        assertThat(new RateWindow(2_000, 3, 5).minus(4, 2_000, WINDOW)).isEqualTo(new RateWindow(2_000, 3, 1));
        assertThat(new RateWindow(2_000, 3, 5).minus(9, 1_000, WINDOW)).as("never below zero")
                .isEqualTo(new RateWindow(2_000, 0, 5));
    }

    @Test
    void when_a_window_is_written_then_it_lives_to_the_end_of_the_next_window() {
        assertThat(new RateWindow(2_000, 0, 1).ttlMillis(2_250, WINDOW)).isEqualTo(1_750);
    }
}
