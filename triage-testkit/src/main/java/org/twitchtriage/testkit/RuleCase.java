package org.twitchtriage.testkit;

import static org.twitchtriage.testkit.TriageAssertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * One row of a rule test table: a clinical situation, the rules that must and must not conclude, the findings
 * expected and the highest urgency. {@link #verify(TriageEngine)} evaluates it and checks each expectation with
 * {@link DecisionAssert}, then every {@link SafetyInvariant}. A table of them runs as a parameterized test:
 *
 * <pre>{@code
 * static Stream<RuleCase> cases() {
 *     return Stream.of(
 *             RuleCase.of("calf twitch with back pain: disc, doctor soon", adult(Sex.MALE),
 *                             twitch(BodySite.CALF).symptom(Symptom.BACK_PAIN))
 *                     .fires("CALF-SPINE").doesNotFire("CALF-REASSURE")
 *                     .concludes(FindingCode.SEE_DOCTOR).doesNotConclude(FindingCode.USUALLY_HARMLESS)
 *                     .urgency(Urgency.SOON));
 * }
 *
 * @ParameterizedTest(name = "{0}")
 * @MethodSource("cases")
 * void rule(RuleCase c) {
 *     c.verify(ENGINE);
 * }
 * }</pre>
 *
 * <p>"Fires" means the rule concluded something that stands in the decision
 * ({@link DecisionAssert#hasConclusionFrom(String)}); "does not fire", that nothing it concluded stands
 * ({@link DecisionAssert#hasNoConclusionFrom(String)}). A rule whose conclusions truth maintenance withdrew later in
 * the same evaluation has no effect on the decision, and whether it fired at all depends only on agenda order.
 * {@link #firingRules()} and {@link #nonFiringRules()} let a test check that a set of tables covers every rule both
 * ways.
 *
 * <p>Not thread-safe while it is being built; {@link #verify(TriageEngine)} may run from any thread once it is.
 */
public final class RuleCase {
    private final String description;
    private final TriageRequest request;
    private final Set<String> fires = new LinkedHashSet<>();
    private final Set<String> mustNotFire = new LinkedHashSet<>();
    private final Set<FindingCode> concludes = new LinkedHashSet<>();
    private final Set<FindingCode> mustNotConclude = new LinkedHashSet<>();
    private final List<Consumer<TriageDecision>> checks = new ArrayList<>();
    private Urgency urgency;

    private RuleCase(String description, TriageRequest request) {
        this.description = Objects.requireNonNull(description, "description");
        this.request = Objects.requireNonNull(request, "request");
    }

    /**
     * A case with one patient and one or more twitches, numbered as {@link TriageRequests#request} does.
     *
     * @param description the situation in clinical words; it names the case in test reports and failures
     * @param patient     the patient
     * @param twitches    the twitches, at least one
     * @return the case, expecting nothing yet
     */
    public static RuleCase of(String description, Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        return new RuleCase(description, TriageRequests.request(patient, twitches));
    }

    /**
     * @param ruleIds rules that must conclude something that stands in the decision
     * @return this
     */
    public RuleCase fires(String... ruleIds) {
        fires.addAll(List.of(ruleIds));
        return this;
    }

    /**
     * @param ruleIds rules none of whose conclusions may stand in the decision
     * @return this
     */
    public RuleCase doesNotFire(String... ruleIds) {
        mustNotFire.addAll(List.of(ruleIds));
        return this;
    }

    /**
     * @param codes findings the decision must have
     * @return this
     */
    public RuleCase concludes(FindingCode... codes) {
        concludes.addAll(List.of(codes));
        return this;
    }

    /**
     * @param codes findings the decision must not have
     * @return this
     */
    public RuleCase doesNotConclude(FindingCode... codes) {
        mustNotConclude.addAll(List.of(codes));
        return this;
    }

    /**
     * @param expected the decision's highest urgency
     * @return this
     */
    public RuleCase urgency(Urgency expected) {
        this.urgency = Objects.requireNonNull(expected, "expected");
        return this;
    }

    /**
     * @param check a further check of the decision, run after the others
     * @return this
     */
    public RuleCase check(Consumer<TriageDecision> check) {
        checks.add(Objects.requireNonNull(check, "check"));
        return this;
    }

    /** @return the rules this case expects to conclude, in the order given; unmodifiable */
    public Set<String> firingRules() {
        return Collections.unmodifiableSet(fires);
    }

    /** @return the rules this case expects not to conclude, in the order given; unmodifiable */
    public Set<String> nonFiringRules() {
        return Collections.unmodifiableSet(mustNotFire);
    }

    /** @return the request of this case */
    public TriageRequest request() {
        return request;
    }

    /**
     * Evaluates the case and checks every expectation, then every {@link SafetyInvariant}. A failure starts with
     * the case's description.
     *
     * @param engine the engine with the knowledge base under test
     * @return the decision, for further checks
     */
    public TriageDecision verify(TriageEngine engine) {
        TriageDecision d = engine.evaluate(request);
        DecisionAssert decision = assertThat(d);
        fires.forEach(id -> decision.as(description).hasConclusionFrom(id));
        mustNotFire.forEach(id -> decision.as(description).hasNoConclusionFrom(id));
        concludes.forEach(code -> decision.as(description).hasFinding(code));
        mustNotConclude.forEach(code -> decision.as(description).hasNoFinding(code));
        if (urgency != null) {
            decision.as(description).hasHighestUrgency(urgency);
        }
        checks.forEach(c -> c.accept(d));
        decision.as(description).meetsSafetyInvariants(request);
        return d;
    }

    /** @return the description */
    @Override
    public String toString() {
        return description;
    }
}
