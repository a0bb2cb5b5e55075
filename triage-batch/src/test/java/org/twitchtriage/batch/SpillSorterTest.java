package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.batch.internal.SpillSorter;

class SpillSorterTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("a budget far below the input spills more runs than are merged at once, and gives the in-memory order")
    void manyRuns_mergeInPasses_sameOrderAsInMemory() throws Exception {
        Random r = new Random(7);
        List<SpillSorter.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add(new SpillSorter.Entry("p" + r.nextInt(700), r.nextInt(3), i, "line é " + i));
        }
        List<SpillSorter.Entry> expected = new ArrayList<>(entries);
        expected.sort(Comparator.comparing(SpillSorter.Entry::key).thenComparingInt(SpillSorter.Entry::file)
                .thenComparingLong(SpillSorter.Entry::line));

        List<SpillSorter.Entry> actual = new ArrayList<>();
        try (SpillSorter sorter = new SpillSorter(temp, 4_000)) {
            for (SpillSorter.Entry e : entries) {
                sorter.add(e);
            }
            try (SpillSorter.Merged m = sorter.sorted()) {
                assertThat(sorter.runs()).as("runs left after merge passes").isLessThanOrEqualTo(SpillSorter.MAX_FAN_IN);
                for (SpillSorter.Entry e = m.next(); e != null; e = m.next()) {
                    actual.add(e);
                }
            }
        }
        assertThat(actual).containsExactlyElementsOf(expected);
        try (var left = Files.list(temp)) {
            assertThat(left).as("run files deleted").isEmpty();
        }
    }
}
