package org.twitchtriage.examples.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;

/**
 * The bundled case files in {@code triage-examples/cases/}, their golden files in {@code cases/expected/}, and the
 * decisions the knowledge base on the class path makes on them. Shared by the tests of this package so that the
 * engine is loaded once per test run. Thread-safe.
 */
final class BundledCases {
    /** The case folder; Surefire runs the tests in the module folder and names it in {@code basedir}. */
    static final Path FOLDER = Path.of(System.getProperty("basedir", ".")).resolve("cases");
    /** Where the golden decision of {@code X.json} lives, as {@code X.decision.json}. */
    static final Path GOLDEN_FOLDER = FOLDER.resolve("expected");
    static final String CASE_SUFFIX = ".json";
    static final String GOLDEN_SUFFIX = ".decision.json";

    private static final TriageEngine ENGINE = TriageEngine.create();
    private static final RequestReader READER = new RequestReader();
    private static final Map<String, TriageDecision> DECISIONS = new ConcurrentHashMap<>();

    private BundledCases() {
    }

    /** @return the file names of every case file directly in the case folder, sorted */
    static List<String> names() {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(CASE_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the bundled cases in " + FOLDER.toAbsolutePath(), e);
        }
    }

    /** @return the file names of every golden file, sorted */
    static List<String> goldenNames() {
        if (!Files.isDirectory(GOLDEN_FOLDER)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(GOLDEN_FOLDER)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the golden files in " + GOLDEN_FOLDER.toAbsolutePath(), e);
        }
    }

    /** @return the path of a case file, from its file name */
    static Path file(String caseName) {
        return FOLDER.resolve(caseName);
    }

    /** @return the golden file that belongs to a case file name ({@code X.json} to {@code X.decision.json}) */
    static Path golden(String caseName) {
        return GOLDEN_FOLDER.resolve(stem(caseName) + GOLDEN_SUFFIX);
    }

    /** @return the case file name a golden file belongs to ({@code X.decision.json} to {@code X.json}) */
    static String caseOf(String goldenName) {
        String stem = goldenName.endsWith(GOLDEN_SUFFIX)
                ? goldenName.substring(0, goldenName.length() - GOLDEN_SUFFIX.length())
                : goldenName;
        return stem + CASE_SUFFIX;
    }

    private static String stem(String caseName) {
        return caseName.substring(0, caseName.length() - CASE_SUFFIX.length());
    }

    /**
     * @param caseName a case file name
     * @return the request in the case file, as the command line reads it
     */
    static TriageRequest request(String caseName) {
        try {
            return READER.read(file(caseName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled case " + caseName, e);
        }
    }

    /**
     * @param caseName a case file name
     * @return the decision on it; each case is evaluated once per test run (decisions are immutable)
     */
    static TriageDecision decision(String caseName) {
        return DECISIONS.computeIfAbsent(caseName, n -> ENGINE.evaluate(request(n)));
    }
}
