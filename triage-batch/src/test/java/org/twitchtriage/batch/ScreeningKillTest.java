package org.twitchtriage.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twitchtriage.engine.TriageEngine;

/**
 * Kills a screening JVM at random moments (after a random number of checkpoints, a random time into the next) and
 * resumes it: the final files must equal those of a run that was never interrupted, byte for byte.
 */
class ScreeningKillTest {
    private static final int KILLS = 2;

    @TempDir
    Path temp;

    @Test
    @DisplayName("a screening killed twice at random points resumes to exactly the files of an uninterrupted run")
    void killedAtRandom_resumes_noLineLostOrDuplicated() throws Exception {
        Path export = temp.resolve("export");
        new PopulationGenerator(11, 0.05, PopulationGeneratorTest.DATE).write(export, 300);
        ScreeningTest.engine = ScreeningTest.engine == null ? TriageEngine.create() : ScreeningTest.engine;
        ScreeningTest.screenBulk(export, temp.resolve("whole"), 2, BulkExport.DEFAULT_SORT_BUDGET, false);

        Path out = temp.resolve("killed");
        Random random = new Random();
        int kills = 0;
        long before = -1;
        while (kills < KILLS) {
            Process p = start(export, out, kills > 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            long target = before + 1 + random.nextInt(3) * 25L;
            while (p.isAlive() && done(out) <= target && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(150));
            p.destroyForcibly().waitFor();
            ScreeningCheckpoint cp = ScreeningCheckpoint.read(out);
            assertThat(cp).as("a checkpoint exists after kill %d", kills).isNotNull();
            if (cp.complete()) {
                break;
            }
            before = cp.done();
            kills++;
        }
        ScreeningTest.screenBulk(export, out, 2, BulkExport.DEFAULT_SORT_BUDGET, true);
        for (String f : List.of(Screening.DECISIONS, Screening.ERRORS, Screening.SUMMARY)) {
            assertThat(Files.readString(out.resolve(f))).as(f + " after " + kills + " kills")
                    .isEqualTo(Files.readString(temp.resolve("whole").resolve(f)));
        }
    }

    private static long done(Path out) {
        try {
            ScreeningCheckpoint cp = ScreeningCheckpoint.read(out);
            return cp == null ? -1 : cp.done();
        } catch (ScreeningException e) {
            return -1;  // being replaced right now
        }
    }

    private static Process start(Path export, Path out, boolean resume) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), ScreeningProcess.class.getName(), export.toString(),
                out.toString(), Boolean.toString(resume))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The screening run in the JVM that is killed. */
    public static final class ScreeningProcess {
        private ScreeningProcess() {
        }

        /** @param args export folder, output folder, resume */
        public static void main(String[] args) throws Exception {
            Path export = Path.of(args[0]);
            try (BulkExport source = BulkExport.open(export, BulkExport.DEFAULT_SORT_BUDGET)) {
                Screening.builder(TriageEngine.create()).threads(2).checkpointEvery(25)
                        .evaluationDate(PopulationGeneratorTest.DATE).build()
                        .run(source, Screening.describe(export), Path.of(args[1]), Boolean.parseBoolean(args[2]));
            }
        }
    }
}
