/**
 * Performance measurements of the triage engine: how many evaluations per second a shared engine sustains, and how
 * long a fresh JVM takes until the knowledge base is loaded and the first decision is returned.
 *
 * <p>{@link org.twitchtriage.benchmarks.TriageThroughputBenchmark} is a JMH benchmark; its generated
 * harness is listed in {@code META-INF/BenchmarkList} of {@code triage-benchmarks.jar}, so it runs with
 * {@code java -cp "triage-benchmarks.jar:lib/*" org.openjdk.jmh.Main TriageThroughputBenchmark}. The module is not
 * published and nothing depends on it: JMH never reaches the libraries or the command line.
 * {@link org.twitchtriage.benchmarks.FirstDecision} is a plain main class timing one cold start.
 * {@code bench/run-benchmarks.sh} at the repository root runs both; {@code docs/benchmarks.md} records the figures.
 *
 * <p>The requests measured are fixed, synthetic cases ({@link org.twitchtriage.benchmarks.BenchmarkCases})
 * with no personal data. Logging is turned down to WARN while measuring (see {@link BenchmarkCases#LOGBACK_CONFIG}):
 * the engine's per-evaluation INFO line would otherwise dominate what is measured.
 */
package org.twitchtriage.benchmarks;
