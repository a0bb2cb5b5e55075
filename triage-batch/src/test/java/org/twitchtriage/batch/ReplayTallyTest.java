package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReplayTallyTest {
    /** Line i: not replayable when i % 7 == 0, the same when i % 3 == 0, else differing in urgency and one rule. */
    private static ReplayedRecord line(long i, long numberedAs) {
        if (i % 7 == 0) {
            return null;
        }
        List<ReplayedRecord.Change> changes = new ArrayList<>();
        if (i % 3 != 0) {
            changes.add(new ReplayedRecord.Change("urgency raised", "ROUTINE -> SOON"));
            changes.add(new ReplayedRecord.Change(i % 2 == 0 ? "rule now fires" : "rule no longer fires",
                    "RULE-" + i % 5));
            changes.add(new ReplayedRecord.Change("finding added", "CODE_" + i % 4));
        }
        return new ReplayedRecord(numberedAs, "run:" + i, changes);
    }

    @Test
    @DisplayName("a log counted in parts, each numbering its lines from 1, and appended in order gives the tally of "
            + "one pass: the same counts, groups and first differing records with their lines in the log")
    void partsAppended_equalOnePass() {
        int lines = 400;
        ReplayTally whole = new ReplayTally();
        for (long i = 1; i <= lines; i++) {
            whole.add(line(i, i));
        }
        ReplayTally appended = new ReplayTally();
        long[] ends = {0, 37, 37, 150, 151, 290, lines};
        for (int p = 1; p < ends.length; p++) {
            ReplayTally part = new ReplayTally();
            for (long i = ends[p - 1] + 1; i <= ends[p]; i++) {
                part.add(line(i, i - ends[p - 1]));
            }
            appended.append(part);
        }

        assertThat(whole.toJson().path("differing").asLong()).isGreaterThan(ReplayTally.EXAMPLES);
        assertThat(whole.toJson().path("examples").get(ReplayTally.EXAMPLES - 1).path("line").asLong())
                .as("the last listed record lies in the fourth part").isGreaterThan(151);
        assertThat(appended.records()).isEqualTo(lines);
        assertThat(appended.toJson().toPrettyString()).isEqualTo(whole.toJson().toPrettyString());
    }
}
