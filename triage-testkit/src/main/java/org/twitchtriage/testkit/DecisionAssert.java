package org.twitchtriage.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Urgency;

/**
 * AssertJ assertions on one {@link TriageDecision}; start with {@link TriageAssertions#assertThat(TriageDecision)}.
 * Every failure says what was expected and lists what the decision actually holds: each finding with its urgency,
 * twitches, rules and passages, and the rules that fired.
 *
 * <h2>"Fired" and "concluded"</h2>
 * The rules conclude with {@code insertLogical}: a rule can fire and later have its conclusions withdrawn in the same
 * evaluation, when the facts that justified them stop holding (a reassurance that fires before the red flag which
 * cancels it). Two pairs of assertions therefore exist:
 * <ul>
 *   <li>{@link #firedRule(String)} and {@link #didNotFireRule(String)} look at
 *       {@link TriageDecision#firedRules()}: every firing, including those whose conclusions were withdrawn.</li>
 *   <li>{@link #hasConclusionFrom(String)} and {@link #hasNoConclusionFrom(String)} look at the findings: the rule
 *       concluded something that stands in the decision. This is usually what a clinical test means; it does not
 *       depend on the order in which the engine happened to try the rules.</li>
 * </ul>
 *
 * <p>Not thread-safe: use an instance within the test that created it.
 */
public class DecisionAssert extends AbstractAssert<DecisionAssert, TriageDecision> {

    /**
     * @param actual the decision under test; may be {@code null}, which fails every assertion
     */
    public DecisionAssert(TriageDecision actual) {
        super(actual, DecisionAssert.class);
    }

    /**
     * Checks the decision's {@link TriageDecision#highestUrgency() highest urgency}.
     *
     * @param expected the urgency expected
     * @return this, for chaining
     */
    public DecisionAssert hasHighestUrgency(Urgency expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.highestUrgency() != expected) {
            failWithMessage("%nExpecting the highest urgency to be %s but it is %s.%n%s", expected,
                    actual.highestUrgency(), DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that the decision holds a finding with this code and returns assertions on it.
     *
     * @param code the finding expected
     * @return assertions on the finding; {@link FindingAssert#and()} comes back here
     */
    public FindingAssert hasFinding(FindingCode code) {
        Objects.requireNonNull(code, "code");
        isNotNull();
        Optional<Finding> finding = actual.finding(code);
        if (finding.isEmpty()) {
            failWithMessage("%nExpecting the decision to conclude %s, but it does not.%n%s", DecisionText.code(code),
                    DecisionText.decision(actual));
        }
        return new FindingAssert(finding.orElseThrow(), this);
    }

    /**
     * Checks that the decision holds no finding with this code.
     *
     * @param code the finding that must be absent
     * @return this, for chaining
     */
    public DecisionAssert hasNoFinding(FindingCode code) {
        Objects.requireNonNull(code, "code");
        isNotNull();
        actual.finding(code).ifPresent(f -> failWithMessage(
                "%nExpecting the decision not to conclude %s, but it does:%n  %s%n%s%n%s", DecisionText.code(code),
                DecisionText.finding(f), DecisionText.reasons(f), DecisionText.decision(actual)));
        return this;
    }

    /**
     * Checks that the decision holds no finding of this kind, for any twitch or the whole patient.
     *
     * @param kind the kind that must be absent, for example {@link FindingKind#REASSURANCE}
     * @return this, for chaining
     */
    public DecisionAssert hasNoFindingOfKind(FindingKind kind) {
        Objects.requireNonNull(kind, "kind");
        isNotNull();
        List<Finding> found = actual.findings(kind);
        if (!found.isEmpty()) {
            failWithMessage("%nExpecting no finding of kind %s, but the decision has:%n%s%n%s", kind, lines(found),
                    DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that no finding of this kind concerns the given twitch. Findings about other twitches, or about the whole
     * patient, do not count.
     *
     * @param kind     the kind that must be absent for the twitch
     * @param twitchId the twitch's id in the request, for example {@code t1}
     * @return this, for chaining
     */
    public DecisionAssert hasNoFindingOfKind(FindingKind kind, String twitchId) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(twitchId, "twitchId");
        isNotNull();
        List<Finding> found = actual.findings(kind).stream().filter(f -> f.getTwitchIds().contains(twitchId))
                .toList();
        if (!found.isEmpty()) {
            failWithMessage("%nExpecting no finding of kind %s for twitch %s, but the decision has:%n%s%n%s", kind,
                    twitchId, lines(found), DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that the rule fired at least once, whether or not its conclusions still stand (see the class comment).
     *
     * @param ruleId the rule's {@code @id}
     * @return this, for chaining
     */
    public DecisionAssert firedRule(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        isNotNull();
        if (!actual.firedRuleIds().contains(ruleId)) {
            failWithMessage("%nExpecting rule %s to fire, but it did not fire.%n%s", ruleId,
                    DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that the rule did not fire at all: not even a firing whose conclusions were later withdrawn (see the
     * class comment; {@link #hasNoConclusionFrom(String)} is the weaker check).
     *
     * @param ruleId the rule's {@code @id}
     * @return this, for chaining
     */
    public DecisionAssert didNotFireRule(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        isNotNull();
        long firings = actual.firedRules().stream().filter(r -> r.id().equals(ruleId)).count();
        if (firings > 0) {
            boolean standing = DecisionText.standingRules(actual).contains(ruleId);
            failWithMessage("%nExpecting rule %s not to fire, but it fired %s.%s%n%s", ruleId,
                    firings == 1 ? "once" : firings + " times",
                    standing ? "" : " Its conclusions were withdrawn later in the evaluation, so nothing it concluded"
                            + " stands; hasNoConclusionFrom(\"" + ruleId + "\") checks only that.",
                    DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that the rule concluded something that stands in the decision: it is one of the rules of some finding.
     *
     * @param ruleId the rule's {@code @id}
     * @return this, for chaining
     */
    public DecisionAssert hasConclusionFrom(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        isNotNull();
        if (!DecisionText.standingRules(actual).contains(ruleId)) {
            failWithMessage("%nExpecting rule %s to have concluded a finding of the decision, but none is concluded"
                            + " by it%s.%n%s", ruleId,
                    actual.firedRuleIds().contains(ruleId) ? " (it fired, but its conclusions were withdrawn)"
                            : " (it did not fire)", DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * Checks that no finding of the decision was concluded by the rule. The rule may have fired and had its
     * conclusions withdrawn (see the class comment).
     *
     * @param ruleId the rule's {@code @id}
     * @return this, for chaining
     */
    public DecisionAssert hasNoConclusionFrom(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        isNotNull();
        List<Finding> found = actual.findings().stream().filter(f -> f.getRules().contains(ruleId)).toList();
        if (!found.isEmpty()) {
            failWithMessage("%nExpecting no finding concluded by rule %s, but it concluded:%n%s%n%s", ruleId,
                    lines(found), DecisionText.decision(actual));
        }
        return this;
    }

    /**
     * The central safety property ({@link SafetyInvariant#NEVER_REASSURED_AND_ESCALATED}): no twitch is both
     * reassured (a {@link FindingCode#isReassuring() reassuring} finding) and escalated (a
     * {@link FindingKind#RED_FLAG}, a {@link FindingKind#REFERRAL}, or a note that it lies
     * {@link FindingKind#OUTSIDE_GUIDELINE outside the guideline}). A conclusion about the whole patient counts for
     * every twitch.
     *
     * @return this, for chaining
     */
    public DecisionAssert neverReassuresAndEscalatesTheSameTwitch() {
        return meets(null, SafetyInvariant.NEVER_REASSURED_AND_ESCALATED);
    }

    /**
     * Checks every {@link SafetyInvariant}: the properties every decision must have, whatever the input.
     *
     * @param request the request the decision answers; it tells the patient's age and the twitches a conclusion
     *                about the whole patient concerns
     * @return this, for chaining
     */
    public DecisionAssert meetsSafetyInvariants(TriageRequest request) {
        Objects.requireNonNull(request, "request");
        return meets(request, SafetyInvariant.values());
    }

    /**
     * Checks the given safety properties.
     *
     * @param request    the request the decision answers, or {@code null} when it is not at hand (then the checks
     *                   that need the patient's age check nothing)
     * @param invariants the properties to check, at least one
     * @return this, for chaining
     */
    public DecisionAssert meets(TriageRequest request, SafetyInvariant... invariants) {
        if (invariants.length == 0) {
            throw new IllegalArgumentException("name at least one safety invariant");
        }
        isNotNull();
        List<String> problems = new ArrayList<>();
        for (SafetyInvariant invariant : invariants) {
            invariant.problems(request, actual).forEach(p -> problems.add("  - " + invariant + ": " + p));
        }
        if (!problems.isEmpty()) {
            failWithMessage("%nExpecting the decision to be safe, but:%n%s%n%s",
                    String.join(System.lineSeparator(), problems), DecisionText.decision(actual));
        }
        return this;
    }

    private static String lines(List<Finding> findings) {
        return findings.stream().map(f -> "  " + DecisionText.finding(f) + System.lineSeparator()
                + DecisionText.reasons(f)).collect(Collectors.joining(System.lineSeparator()));
    }
}
