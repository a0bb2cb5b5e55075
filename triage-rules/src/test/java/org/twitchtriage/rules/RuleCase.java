package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * One row of a rule test table: a clinical situation, the rules that must fire and must not fire, and the
 * conclusions expected. {@link RuleCoverageTest} checks that, over all tables, every rule has at least one case
 * where it fires and one where it must not.
 *
 * <p>"Fires" means the rule concluded something that stands in the decision: it is one of the rules of some
 * {@link org.twitchtriage.model.Finding}. Every rule in this knowledge base concludes with {@code insertLogical}, so a
 * rule can fire early and have its conclusions withdrawn by truth maintenance later in the same evaluation (for
 * example a reassurance that fires before the red flag which cancels it). Such a firing has no effect on the
 * decision and depends only on agenda order, so it counts as "did not fire".
 */
final class RuleCase {
    private final String description;
    private final TriageRequest request;
    private final Set<String> fires = new LinkedHashSet<>();
    private final Set<String> mustNotFire = new LinkedHashSet<>();
    private final Set<FindingCode> concludes = new LinkedHashSet<>();
    private final Set<FindingCode> mustNotConclude = new LinkedHashSet<>();
    private final List<Consumer<TriageDecision>> checks = new ArrayList<>();
    private Urgency urgency;

    private RuleCase(String description, TriageRequest request) {
        this.description = description;
        this.request = request;
    }

    /** A case with one patient and one or more twitches (ids t1, t2, ... unless set). */
    static RuleCase of(String description, Patient.PatientBuilder patient, Twitch.TwitchBuilder... twitches) {
        TriageRequest.TriageRequestBuilder r = TriageRequest.builder().patient(patient.build());
        int n = 1;
        for (Twitch.TwitchBuilder t : twitches) {
            Twitch built = t.build();
            r.twitch(twitches.length > 1 && "t1".equals(built.getId()) ? built.toBuilder().id("t" + n).build()
                    : built);
            n++;
        }
        return new RuleCase(description, r.build());
    }

    RuleCase fires(String... ruleIds) {
        fires.addAll(List.of(ruleIds));
        return this;
    }

    RuleCase doesNotFire(String... ruleIds) {
        mustNotFire.addAll(List.of(ruleIds));
        return this;
    }

    RuleCase concludes(FindingCode... codes) {
        concludes.addAll(List.of(codes));
        return this;
    }

    RuleCase doesNotConclude(FindingCode... codes) {
        mustNotConclude.addAll(List.of(codes));
        return this;
    }

    RuleCase urgency(Urgency expected) {
        this.urgency = expected;
        return this;
    }

    RuleCase check(Consumer<TriageDecision> check) {
        checks.add(check);
        return this;
    }

    Set<String> firingRules() {
        return fires;
    }

    Set<String> nonFiringRules() {
        return mustNotFire;
    }

    TriageRequest request() {
        return request;
    }

    /** Evaluates the case and checks every expectation, then the safety invariants. */
    TriageDecision verify() {
        TriageDecision d = Cases.ENGINE.evaluate(request);
        Set<String> concluded = concludingRules(d);
        // AssertJ rejects an empty list of values to look for, so each check runs only when the case has some
        if (!fires.isEmpty()) {
            assertThat(concluded).as("rules fired for: %s (firings, including withdrawn ones: %s)", description,
                    d.firedRuleIds()).containsAll(fires);
        }
        if (!mustNotFire.isEmpty()) {
            assertThat(concluded).as("rules that must not fire for: %s", description)
                    .doesNotContainAnyElementsOf(mustNotFire);
        }
        List<FindingCode> codes = d.findings().stream().map(f -> f.getCode()).toList();
        if (!concludes.isEmpty()) {
            assertThat(codes).as("conclusions for: %s", description).containsAll(concludes);
        }
        if (!mustNotConclude.isEmpty()) {
            assertThat(codes).as("conclusions that must be absent for: %s", description)
                    .doesNotContainAnyElementsOf(mustNotConclude);
        }
        if (urgency != null) {
            assertThat(d.highestUrgency()).as("highest urgency for: %s", description).isEqualTo(urgency);
        }
        checks.forEach(c -> c.accept(d));
        SafetyInvariants.check(request, d, description);
        return d;
    }

    /** @return the ids of the rules whose conclusions stand in the decision, sorted */
    static Set<String> concludingRules(TriageDecision d) {
        Set<String> ids = new TreeSet<>();
        d.findings().forEach(f -> ids.addAll(f.getRules()));
        return ids;
    }

    @Override
    public String toString() {
        return description;
    }
}
