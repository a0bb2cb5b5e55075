package org.twitchtriage.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the JMH results of one run ({@code -rf json}) into the Markdown tables of {@code docs/benchmarks.md}: every
 * benchmark with decisions per second, microseconds and bytes allocated per decision ({@code -prof gc}), then the
 * ratios the performance goals are stated in (facade against raw Drools, typical case against the empty knowledge
 * base, two threads against one). Ratios come from the same run, so they stay meaningful on a busy machine where
 * the absolute figures do not.
 *
 * <p>Usage: {@code java -cp ... org.twitchtriage.benchmarks.BenchmarkReport jmh-result.json}. A benchmark missing
 * from the file (a run narrowed with a regular expression) is left out, and so is every ratio that needs it.
 */
public final class BenchmarkReport {
    private static final String RAW = RawDroolsBenchmark.class.getName() + ".";
    private static final String FACADE = TriageThroughputBenchmark.class.getName() + ".";

    /** Row label by benchmark name, in the order of the table. */
    private static final Map<String, String> ROWS = new LinkedHashMap<>();

    static {
        ROWS.put(RAW + "floor", "empty knowledge base: session, insert patient + twitch, fire, dispose (the floor)");
        ROWS.put(RAW + "rawTypical", "raw Drools on this knowledge base (no listener), typical case");
        ROWS.put(RAW + "rawRedFlag", "raw Drools on this knowledge base (no listener), red-flag case");
        ROWS.put(RAW + "rawTypicalNewSession", "raw Drools, typical case, a new session per decision");
        ROWS.put(FACADE + "typical1Thread", "`TriageEngine.evaluate`, typical case");
        ROWS.put(FACADE + "redFlag1Thread", "`TriageEngine.evaluate`, red-flag case");
        ROWS.put(FACADE + "typical2Threads", "`TriageEngine.evaluate`, typical case");
        ROWS.put(FACADE + "redFlag2Threads", "`TriageEngine.evaluate`, red-flag case");
        ROWS.put(FACADE + "typicalNewSession1Thread", "`TriageEngine.evaluate`, typical case, a new session per "
                + "decision (`reuseSessions(false)`)");
    }

    /** One benchmark's result: operations per second (summed over threads), its error, and bytes per operation. */
    record Result(int threads, double opsPerSecond, double error, double bytesPerOp) {
        /** @return microseconds per decision as one thread sees it */
        double microsPerOp() {
            return threads * 1e6 / opsPerSecond;
        }
    }

    private BenchmarkReport() {
    }

    /**
     * @param args the JMH result file
     * @throws IOException when it cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BenchmarkReport JMH-RESULT.json");
            System.exit(2);
        }
        print(read(new ObjectMapper().readTree(Path.of(args[0]).toFile())), System.out);
    }

    /** @return the results by benchmark name */
    static Map<String, Result> read(JsonNode jmh) {
        Map<String, Result> out = new LinkedHashMap<>();
        for (JsonNode b : jmh) {
            JsonNode primary = b.path("primaryMetric");
            if (!"ops/s".equals(primary.path("scoreUnit").asText())) {
                throw new IllegalArgumentException(b.path("benchmark").asText() + ": expected ops/s, got "
                        + primary.path("scoreUnit").asText() + " (run JMH in throughput mode, -tu s)");
            }
            JsonNode alloc = b.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
            out.put(b.path("benchmark").asText(), new Result(b.path("threads").asInt(),
                    primary.path("score").asDouble(), primary.path("scoreError").asDouble(Double.NaN),
                    alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
        }
        return out;
    }

    /** Prints the result table and the ratio table. */
    static void print(Map<String, Result> results, PrintStream out) {
        out.println("| what | threads | decisions/s | µs per decision | bytes per decision |");
        out.println("|---|---|---|---|---|");
        ROWS.forEach((name, label) -> {
            Result r = results.get(name);
            if (r != null) {
                out.printf(Locale.ROOT, "| %s | %d | %,.0f ± %,.0f | %.1f | %s |%n", label, r.threads(),
                        r.opsPerSecond(), r.error(), r.microsPerOp(),
                        Double.isNaN(r.bytesPerOp()) ? "-" : String.format(Locale.ROOT, "%,.0f", r.bytesPerOp()));
            }
        });
        out.println();
        out.println("| ratio (same run) | value | goal |");
        out.println("|---|---|---|");
        ratio(out, results, "facade / raw Drools, typical (time per decision)", FACADE + "typical1Thread",
                RAW + "rawTypical", "at most 1.20");
        ratio(out, results, "facade / raw Drools, red flag (time per decision)", FACADE + "redFlag1Thread",
                RAW + "rawRedFlag", "at most 1.20");
        ratio(out, results, "facade typical / empty-knowledge-base floor (time per decision)",
                FACADE + "typical1Thread", RAW + "floor", "at most 5");
        ratio(out, results, "raw Drools typical / floor (time per decision)", RAW + "rawTypical", RAW + "floor",
                "-");
        ratio(out, results, "new session / reused session, facade typical (time per decision)",
                FACADE + "typicalNewSession1Thread", FACADE + "typical1Thread", "-");
        speedup(out, results, "2 threads / 1 thread, typical (throughput)", FACADE + "typical2Threads",
                FACADE + "typical1Thread");
        speedup(out, results, "2 threads / 1 thread, red flag (throughput)", FACADE + "redFlag2Threads",
                FACADE + "redFlag1Thread");
        goal(out, results, "typical decisions per second, 1 thread", FACADE + "typical1Thread", 100_000);
        goal(out, results, "red-flag decisions per second, 1 thread", FACADE + "redFlag1Thread", 40_000);
    }

    /** Time per decision of {@code slow} over that of {@code fast}, both on one thread. */
    private static void ratio(PrintStream out, Map<String, Result> results, String label, String slow, String fast,
                              String goal) {
        Result s = results.get(slow);
        Result f = results.get(fast);
        if (s != null && f != null) {
            out.printf(Locale.ROOT, "| %s | %.2f | %s |%n", label, s.microsPerOp() / f.microsPerOp(), goal);
        }
    }

    private static void speedup(PrintStream out, Map<String, Result> results, String label, String two, String one) {
        Result t = results.get(two);
        Result o = results.get(one);
        if (t != null && o != null) {
            out.printf(Locale.ROOT, "| %s | %.2f | scales (near 2 on an idle 2-core machine) |%n", label,
                    t.opsPerSecond() / o.opsPerSecond());
        }
    }

    private static void goal(PrintStream out, Map<String, Result> results, String label, String name, int goal) {
        Result r = results.get(name);
        if (r != null) {
            out.printf(Locale.ROOT, "| %s | %,.0f | at least %,d |%n", label, r.opsPerSecond(), goal);
        }
    }

    /** @return the benchmark names the report knows, in table order */
    static List<String> known() {
        return List.copyOf(ROWS.keySet());
    }
}
