package org.twitchtriage.examples;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.testkit.Scenarios;

/**
 * The scenario files in {@code triage-examples/scenarios/}: the bundled cases and situations written by clinicians,
 * each with the decision the guideline asks for (format: {@code docs/scenarios.md}).
 */
class ScenarioFilesTest {
    private static final TriageEngine ENGINE = TriageEngine.create();

    @TestFactory
    @DisplayName("every scenario file gets the decision it expects")
    Stream<DynamicTest> scenarios() {
        return Scenarios.from(Path.of("scenarios"), ENGINE);
    }
}
