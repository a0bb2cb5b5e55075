package org.twitchtriage.testkit;

import java.util.List;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * The {@code expected} part of a scenario: what the decision must show. Every part is optional; a part that is
 * {@code null} (or empty, for the lists) is not checked. Semantics, as documented in {@code docs/scenarios.md}:
 * <ul>
 *   <li>{@code highestUrgency}: equals the decision's highest urgency.</li>
 *   <li>{@code findings}: each is concluded, with the details it states (see {@link ExpectedFinding}).</li>
 *   <li>{@code absentFindings}: none of these codes is concluded.</li>
 *   <li>{@code firedRules}: the ids of the rules that fired equal this set: none missing, none extra. A rule counts as
 *       fired when something it concluded stands in the decision; a firing whose conclusions truth maintenance
 *       withdrew later in the same evaluation changed nothing, depends only on the order the engine tried the rules
 *       in, and is ignored.</li>
 *   <li>{@code exactFindings}: when {@code true}, no finding other than those listed is concluded, and the rules,
 *       passages and twitches stated for a finding are its complete lists rather than a selection.</li>
 * </ul>
 * Immutable.
 *
 * @param highestUrgency the highest urgency expected, or {@code null} when not checked
 * @param findings       findings expected, each code once
 * @param absentFindings codes that must not be concluded
 * @param firedRules     the rules expected to fire (to conclude something that stands), or {@code null} when not
 *                       checked
 * @param exactFindings  whether the findings listed are all there is
 */
public record ScenarioExpectation(Urgency highestUrgency, List<ExpectedFinding> findings,
                                  Set<FindingCode> absentFindings, Set<String> firedRules, boolean exactFindings) {
    /** Copies the collections, sorted and unmodifiable; {@code firedRules} stays {@code null} when not given. */
    public ScenarioExpectation {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        absentFindings = Collections.unmodifiableSortedSet(
                new TreeSet<>(Objects.requireNonNull(absentFindings, "absentFindings")));
        firedRules = firedRules == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(firedRules));
    }

    /** @return true when nothing at all would be checked */
    public boolean isEmpty() {
        return highestUrgency == null && findings.isEmpty() && absentFindings.isEmpty() && firedRules == null
                && !exactFindings;
    }
}
