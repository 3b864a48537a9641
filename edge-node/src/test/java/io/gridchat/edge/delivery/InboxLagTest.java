package io.gridchat.edge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When a node's inbox counts as behind, on a clock the test moves (InboxLagEndToEndTest: the same over a real
 * inbox).
 */
class InboxLagTest {
    private static final long MAX_LAG = 2_000;
    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void behind_while_messages_taken_are_older_than_the_limit_and_not_once_a_fresh_one_is_taken() {
        InboxLag lag = new InboxLag(MAX_LAG, now::get);
        assertThat(lag.behind()).as("nothing taken yet").isFalse();

        lag.taken(now.get() - MAX_LAG);
        assertThat(lag.behind()).as("exactly at the limit").isFalse();
        lag.taken(now.get() - MAX_LAG - 1);
        assertThat(lag.behind()).isTrue();

        lag.taken(now.get() - 5);
        assertThat(lag.behind()).isFalse();
    }

    @Test
    void a_verdict_lapses_when_no_message_was_taken_for_a_while() {
        InboxLag lag = new InboxLag(MAX_LAG, now::get);
        lag.taken(now.get() - 10_000);
        now.addAndGet(InboxLag.STALE_AFTER_MILLIS - 1);
        assertThat(lag.behind()).isTrue();
        now.addAndGet(1);
        assertThat(lag.behind()).as("the reader took nothing for a second: no verdict").isFalse();
    }

    @Test
    void a_member_clock_ahead_of_this_node_counts_as_no_lag_and_zero_turns_it_off() {
        InboxLag lag = new InboxLag(MAX_LAG, now::get);
        lag.taken(now.get() + 60_000);
        assertThat(lag.behind()).isFalse();

        InboxLag off = new InboxLag(0, now::get);
        off.taken(now.get() - 60_000);
        assertThat(off.behind()).isFalse();
    }
}
