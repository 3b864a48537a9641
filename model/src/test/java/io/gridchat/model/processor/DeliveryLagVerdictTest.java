package io.gridchat.model.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The delivery lag's verdict on its own: sends are refused while delivery routes but its oldest unrouted message
 * has waited longer than the limit, accepted again once it caught up, and never for a delivery that is paused
 * (routes nothing) or after a quiet spell.
 */
class DeliveryLagVerdictTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final DeliveryLag lag = new DeliveryLag(2_000, now::get);

    @Test
    void when_the_oldest_unrouted_message_waits_past_the_limit_then_sends_are_refused_until_delivery_caught_up() {
        long start = now.get();
        lag.accepted(start);
        lag.routed(start);
        assertThat(lag.lagMillis()).isZero();

        long first = now.addAndGet(1_000);
        lag.accepted(first);
        lag.accepted(now.addAndGet(1_000));
        now.addAndGet(1_500);
        lag.routed(start);
        assertThat(lag.lagMillis()).isEqualTo(2_500);
        assertThat(lag.behind()).as("routing, but behind").isTrue();

        lag.routed(first);
        assertThat(lag.lagMillis()).as("the next unrouted message is known to be no older than the first")
                .isEqualTo(2_500);
        lag.routed(first + 1_000);
        assertThat(lag.lagMillis()).isZero();
        assertThat(lag.behind()).isFalse();
    }

    @Test
    void when_a_message_follows_a_quiet_spell_then_the_spell_is_no_lag() {
        lag.accepted(now.get());
        lag.routed(now.get());
        lag.accepted(now.addAndGet(60_000));
        now.addAndGet(5);
        assertThat(lag.lagMillis()).isEqualTo(5);
        assertThat(lag.behind()).isFalse();
    }

    @Test
    void when_delivery_routes_nothing_then_it_is_paused_and_its_lag_refuses_no_sends() {
        lag.routed(now.get());
        long first = now.get();
        lag.accepted(first);
        lag.accepted(first + 1);
        now.addAndGet(2_500);
        assertThat(lag.overLimit()).isTrue();
        assertThat(lag.paused()).isTrue();
        assertThat(lag.behind()).as("a paused job must not stop chat").isFalse();

        lag.routed(first);
        assertThat(lag.paused()).isFalse();
        assertThat(lag.behind()).as("routing again, still behind").isTrue();
    }

    @Test
    void when_the_limit_is_zero_then_no_lag_refuses() {
        DeliveryLag off = new DeliveryLag(0, now::get);
        off.accepted(now.get());
        now.addAndGet(60_000);
        off.routed(now.get() - 60_001);
        assertThat(off.lagMillis()).isEqualTo(60_000);
        assertThat(off.behind()).isFalse();
    }
}
