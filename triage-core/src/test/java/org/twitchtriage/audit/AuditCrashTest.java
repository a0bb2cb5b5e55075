package org.twitchtriage.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writer JVM ({@link CrashWriter}) with SIGKILL at random moments, again and again on the same log, while this
 * JVM verifies the live log from outside; after every kill the next writer must open (recover) the log. At the end
 * every acknowledged record must be in the log and the log must verify with the key. The number of kills is the
 * system property {@code twitchtriage.audit.crashKills} (default 6; the {@code audit-crash} Maven profile sets 100);
 * the seed is {@code twitchtriage.audit.crashSeed}. The counts go to {@code target/audit-crash-report.txt}.
 */
class AuditCrashTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("writer JVMs killed at random moments: no acknowledged record lost, no log wedged, no false BROKEN")
    void killedWriters_loseNothingAcknowledged() throws Exception {
        int kills = Integer.getInteger("twitchtriage.audit.crashKills", 6);
        long seed = Long.getLong("twitchtriage.audit.crashSeed", 20261201L);
        Random random = new Random(seed);
        Path log = dir.resolve("crash.jsonl");
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        int liveVerifications = 0;
        List<String> falseBroken = new ArrayList<>();
        List<String> wedged = new ArrayList<>();
        int killedBeforeOpen = 0;
        for (int k = 0; k < kills; k++) {
            String durability = k % 2 == 0 ? "FLUSH" : "FSYNC";
            Process writer = start(log, "k" + k, durability);
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch firstAck = new CountDownLatch(1);
            Thread reader = new Thread(() -> readAcks(writer, acknowledged, opened, firstAck));
            reader.start();
            if (k % 5 == 4) {
                // now and then kill it while it starts or recovers, before it has written anything
                Thread.sleep(random.nextInt(400));
            } else {
                if (!firstAck.await(2, TimeUnit.MINUTES)) {
                    wedged.add("kill " + k + ": the writer acknowledged nothing; " + errorOf(writer));
                }
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(250));
                do {
                    AuditLogVerifier.Report live = AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
                    liveVerifications++;
                    if (!live.valid()) {
                        falseBroken.add("kill " + k + ": " + live);
                    }
                } while (System.nanoTime() < until);
            }
            if (opened.getCount() > 0) {
                killedBeforeOpen++;
            }
            writer.destroyForcibly();
            writer.waitFor(1, TimeUnit.MINUTES);
            reader.join(TimeUnit.MINUTES.toMillis(1));
            AuditLogVerifier.Report after = AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
            if (!after.valid()) {
                falseBroken.add("after kill " + k + ": " + after);
            }
        }
        JsonLinesAuditSink.open(log, JsonLinesAuditSink.Durability.FSYNC, AuditFixtures.KEY).close();
        AuditLogVerifier.Report last = AuditLogVerifier.verify(log, AuditFixtures.KEY, null);
        Set<String> inLog = idsIn(log);
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(inLog);
        long quarantined;
        try (Stream<Path> files = Files.list(dir)) {
            quarantined = files.filter(p -> p.getFileName().toString().contains(".quarantine-")).count();
        }
        String summary = "kills=" + kills + " seed=" + seed + " killedBeforeOpen=" + killedBeforeOpen
                + " acknowledged=" + acknowledged.size() + " lost=" + lost.size() + " recordsInLog=" + last.records()
                + " recoveries=" + last.recoveries() + " quarantineFiles=" + quarantined + " wedged=" + wedged.size()
                + " liveVerifications=" + liveVerifications + " falseBroken=" + falseBroken.size()
                + " finalVerdict=" + last;
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "audit-crash-report.txt"), summary + "\n");
        System.out.println("audit crash test: " + summary);

        assertThat(wedged).isEmpty();
        assertThat(falseBroken).isEmpty();
        assertThat(lost).as("acknowledged records missing from the log").isEmpty();
        assertThat(last.valid()).as(last.toString()).isTrue();
        assertThat(acknowledged).as("the writers acknowledged records at all").isNotEmpty();
    }

    private static Process start(Path log, String prefix, String durability) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), CrashWriter.class.getName(), log.toString(), prefix, durability)
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    private static void readAcks(Process writer, Set<String> acknowledged, CountDownLatch opened,
                                 CountDownLatch firstAck) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            // a line cut off by the kill is returned by readLine too: only "ACK id;" lines, whose id is complete, count
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("OPEN")) {
                    opened.countDown();
                } else if (line.startsWith("ACK ") && line.endsWith(";")) {
                    acknowledged.add(line.substring(4, line.length() - 1));
                    firstAck.countDown();
                }
            }
        } catch (IOException e) {
            // the pipe breaks when the writer is killed: everything read so far counts
        }
    }

    private static String errorOf(Process writer) {
        try {
            return new String(writer.getErrorStream().readNBytes(2000), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    private static Set<String> idsIn(Path log) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            var node = AuditLog.parse(line);
            if (node != null && node.path("decisionId").isTextual()) {
                ids.add(node.get("decisionId").asText());
            }
        }
        return ids;
    }
}
