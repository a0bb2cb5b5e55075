package org.twitchtriage.testkit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.twitchtriage.model.TriageRequest;

/**
 * One scenario file, read and checked: a clinical situation described in words, the case, the moment it is evaluated
 * at, and the decision expected. Read with {@link ScenarioReader}; the format is described in
 * {@code docs/scenarios.md}. Immutable.
 *
 * @param file           the scenario file, as it was found
 * @param description    the situation in a clinician's words; the name of its test
 * @param evaluationTime the fixed moment the scenario is evaluated at. The rules do not depend on time, but audit
 *                       records do: tests that audit a scenario use this instead of the wall clock
 * @param caseFile       the case file the input came from, or {@code null} when the input is written in the scenario
 * @param request        the case, valid
 * @param expected       what the decision must show
 */
public record Scenario(Path file, String description, Instant evaluationTime, Path caseFile, TriageRequest request,
                       ScenarioExpectation expected) {
    /** Requires every part except {@code caseFile}. */
    public Scenario {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(evaluationTime, "evaluationTime");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expected, "expected");
    }

    /** @return the file name and the description, for messages */
    @Override
    public String toString() {
        return file + " (" + description + ")";
    }
}
