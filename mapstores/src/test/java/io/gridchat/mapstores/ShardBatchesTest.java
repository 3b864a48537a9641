package io.gridchat.mapstores;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardBatchesTest {

    @Test
    void when_a_share_is_cut_into_statements_then_row_counts_come_from_the_ladder_and_every_row_stays_in_order() {
        assertThat(sizes(487, 500)).containsExactly(256, 128, 64, 32, 4, 2, 1);
        assertThat(sizes(1_234, 500)).containsExactly(500, 500, 128, 64, 32, 8, 2);
        assertThat(sizes(1_000, 500)).containsExactly(500, 500);
        assertThat(sizes(0, 500)).isEmpty();

        Set<Integer> texts = new HashSet<>();
        for (int rows = 0; rows <= 3_000; rows++) {
            List<Integer> keys = IntStream.range(0, rows).boxed().toList();
            List<Integer> rejoined = new ArrayList<>();
            ShardBatches.statementChunks(keys, 500).forEach(chunk -> {
                texts.add(chunk.size());
                rejoined.addAll(chunk);
            });
            assertThat(rejoined).isEqualTo(keys);
        }
        // 500 and the powers of two below it: every share of every batch is written with these ten texts.
        assertThat(texts).containsExactlyInAnyOrder(500, 256, 128, 64, 32, 16, 8, 4, 2, 1);
    }

    @Test
    void when_rows_per_statement_is_a_power_of_two_or_one_then_the_ladder_still_covers_every_row() {
        assertThat(sizes(1_023, 512)).containsExactly(512, 256, 128, 64, 32, 16, 8, 4, 2, 1);
        assertThat(sizes(3, 1)).containsExactly(1, 1, 1);
    }

    private static List<Integer> sizes(int rows, int rowsPerStatement) {
        return ShardBatches.statementChunks(IntStream.range(0, rows).boxed().toList(), rowsPerStatement).stream()
                .map(List::size).toList();
    }
}
