package io.gridchat.model.processor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The refuse/accept verdict on its own: either bound refuses, and accepting again needs both back below. */
class BackpressureVerdictTest {
    private final Backpressure backpressure = new Backpressure(1_000, 0.85);

    @Test
    void when_the_heap_after_collection_passes_its_share_then_sends_are_refused_until_five_points_below() {
        backpressure.sample(0, 0.84);
        assertThat(backpressure.refusing()).isFalse();
        backpressure.sample(0, 0.86);
        assertThat(backpressure.refusing()).isTrue();
        backpressure.sample(0, 0.81);
        assertThat(backpressure.refusing()).as("within the hysteresis").isTrue();
        backpressure.sample(0, 0.79);
        assertThat(backpressure.refusing()).isFalse();
    }

    @Test
    void when_one_bound_is_still_exceeded_then_the_other_clearing_does_not_accept_again() {
        backpressure.sample(1_001, 0.90);
        assertThat(backpressure.refusing()).isTrue();
        backpressure.sample(10, 0.88);
        assertThat(backpressure.refusing()).as("heap still above").isTrue();
        backpressure.sample(950, 0.10);
        assertThat(backpressure.refusing()).as("unsaved not yet below 90% of the bound").isTrue();
        backpressure.sample(899, 0.10);
        assertThat(backpressure.refusing()).isFalse();
        assertThat(backpressure.unsaved()).isEqualTo(899);
        assertThat(backpressure.heap()).isEqualTo(0.10);
    }
}
