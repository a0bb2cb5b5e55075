package org.twitchtriage.rules.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;

/**
 * Safety of the rules over the whole input space, checked on generated requests (see {@link RequestArbitraries}).
 *
 * <p>How many requests each property checks is jqwik's {@code jqwik.tries.default}: 500 in a plain
 * {@code mvn verify} (src/test/resources/junit-platform.properties), 100,000 with {@code -Pproperties-ci}. A failing
 * property reports its shrunk counterexample as a case file ready to paste (see {@link CaseFiles}).
 */
class SafetyPropertiesTest {
    /** One engine for all properties: it is thread-safe and loading it is the slow part. */
    private static final TriageEngine ENGINE = TriageEngine.create();
    /** A second, independently loaded engine: the same request must get the same decision from it. */
    private static final TriageEngine SECOND_ENGINE = TriageEngine.create();
    private static final RequestReader READER = new RequestReader();

    @Provide
    Arbitrary<TriageRequest> requests() {
        return RequestArbitraries.validRequests();
    }

    @Provide
    Arbitrary<Escalation> escalations() {
        return RequestArbitraries.validRequests()
                .map(Escalation::allOf)
                .filter(steps -> !steps.isEmpty())
                .flatMap(Arbitraries::of);
    }

    @Property
    @Label("Every red flag leads to a doctor, at least SOON and at least as urgent as the flag")
    void everyRedFlagLeadsToADoctor(@ForAll("requests") TriageRequest request) {
        TriageDecision d = ENGINE.evaluate(request);
        Statistics.label("highest urgency").collect(d.highestUrgency());
        holds("every red flag leads to a doctor", SafetyChecks.redFlagsReachADoctor(d), request, d);
    }

    @Property
    @Label("Never reassurance (usually harmless, wait and see, harmless sleep start) beside URGENT, a suspected "
            + "disease of the nervous system, or on a red-flagged or referred twitch")
    void neverReassuranceBesideEscalation(@ForAll("requests") TriageRequest request) {
        TriageDecision d = ENGINE.evaluate(request);
        Statistics.label("reassured").collect(d.findings().stream()
                .anyMatch(f -> SafetyChecks.REASSURANCE.contains(f.getCode())));
        holds("never reassurance and escalation in one patient", SafetyChecks.noReassuranceBesideEscalation(d),
                request, d);
    }

    @Property
    @Label("A twitch whose course or body site is unknown is never reassured, and the decision says it was unknown")
    void unknownCourseOrSiteIsNamedAndNeverReassured(@ForAll("requests") TriageRequest request) {
        TriageDecision d = ENGINE.evaluate(request);
        Statistics.label("unknown course or site").collect(request.getTwitches().stream().anyMatch(t ->
                t.getCourse() == org.twitchtriage.model.Course.UNKNOWN
                        || t.getSite() == org.twitchtriage.model.BodySite.UNKNOWN));
        holds("unknowns are named and never reassured", SafetyChecks.unknownsNamedAndNeverReassured(request, d),
                request, d);
    }

    @Property
    @Label("A symptom more, failed self-care, a longer duration or a worse course never lowers the urgency nor "
            + "removes a referral")
    void worseningNeverLowersUrgencyNorRemovesAReferral(@ForAll("escalations") Escalation step) {
        TriageDecision before = ENGINE.evaluate(step.before());
        TriageDecision after = ENGINE.evaluate(step.after());
        Statistics.label("step").collect(step.description().replaceAll(" .*", ""));
        List<String> problems = SafetyChecks.notLowered(before, after);
        if (!problems.isEmpty()) {
            throw new AssertionError("Property monotonicity failed after '" + step.description() + "':\n  "
                    + String.join("\n  ", problems)
                    + "\nDecision before: " + SafetyChecks.summary(before)
                    + "\nDecision after:  " + SafetyChecks.summary(after)
                    + "\nCase file before (ready to paste):\n" + CaseFiles.write(step.before())
                    + "\nCase file after:\n" + CaseFiles.write(step.after()));
        }
    }

    @Property
    @Label("The decision does not depend on the order of twitches, symptoms, circumstances or lab results")
    void orderDoesNotMatter(@ForAll("requests") TriageRequest request, @ForAll long seed) {
        TriageRequest shuffled = shuffled(request, new Random(seed));
        TriageDecision d = ENGINE.evaluate(request);
        TriageDecision e = ENGINE.evaluate(shuffled);
        String a = SafetyChecks.canonical(d);
        String b = SafetyChecks.canonical(e);
        if (!a.equals(b)) {
            throw new AssertionError("Property order independence failed: twitches in the order "
                    + shuffled.getTwitches().stream().map(Twitch::getId).toList() + " decide differently."
                    + "\nDecision in the given order:\n" + a + "\nDecision in the new order:\n" + b
                    + "\nCase file (ready to paste):\n" + CaseFiles.write(request)
                    + "\nReordered case file:\n" + CaseFiles.write(shuffled));
        }
    }

    @Property
    @Label("Every decision is reproducible: again, and from its case file on a second engine")
    void everyDecisionIsReproducible(@ForAll("requests") TriageRequest request) {
        TriageDecision first = ENGINE.evaluate(request);
        String caseFile = CaseFiles.write(request);
        TriageRequest reread = READER.read(caseFile);
        assertThat(reread).as("the case file reads back as the same request:\n%s", caseFile).isEqualTo(request);
        List<String> problems = new ArrayList<>();
        compare("evaluated again", first, ENGINE.evaluate(request), problems);
        compare("from its case file on a second engine", first, SECOND_ENGINE.evaluate(reread), problems);
        holds("every decision is reproducible", problems, request, first);
    }

    @Property
    @Label("An invalid request is refused with the field named and the reference unsaid, never evaluated")
    void invalidRequestIsRefused(@ForAll("requests") TriageRequest valid, @ForAll Breakage breakage) {
        TriageRequest invalid = breakage.apply(valid);
        assertThatThrownBy(() -> ENGINE.evaluate(invalid))
                .as("%s", breakage)
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> {
                    List<Violation> violations = ((InvalidRequestException) e).getViolations();
                    assertThat(violations).extracting(Violation::field).as("fields named for %s", breakage)
                            .anyMatch(f -> f.startsWith(breakage.field()));
                    assertThat(e.getMessage()).as("message for %s", breakage)
                            .doesNotContain(RequestArbitraries.REFERENCE);
                });
    }

    private static void compare(String how, TriageDecision expected, TriageDecision actual, List<String> problems) {
        if (!expected.equals(actual)) {
            problems.add("differs " + how + ":\n" + SafetyChecks.canonical(actual) + "\n  fired "
                    + actual.firedRuleIds() + "\n  instead of fired " + expected.firedRuleIds());
        }
    }

    /** Twitches, and every twitch's symptoms, the circumstances and the lab results, each in a random order. */
    private static TriageRequest shuffled(TriageRequest r, Random random) {
        List<Twitch> twitches = new ArrayList<>();
        for (Twitch t : r.getTwitches()) {
            twitches.add(t.toBuilder().clearSymptoms().symptoms(shuffledList(t.getSymptoms(), random)).build());
        }
        Collections.shuffle(twitches, random);
        Patient p = r.getPatient();
        Patient shuffledPatient = p.toBuilder()
                .clearCircumstances().circumstances(shuffledList(p.getCircumstances(), random))
                .clearLabResults().labResults(shuffledList(p.getLabResults(), random))
                .build();
        return r.toBuilder().patient(shuffledPatient).clearTwitches().twitches(twitches).build();
    }

    private static <T> List<T> shuffledList(Collection<T> values, Random random) {
        List<T> list = new ArrayList<>(values);
        Collections.shuffle(list, random);
        return list;
    }

    private static void holds(String property, List<String> problems, TriageRequest request, TriageDecision d) {
        if (!problems.isEmpty()) {
            throw new AssertionError("Property '" + property + "' failed:\n  " + String.join("\n  ", problems)
                    + "\nDecision: " + SafetyChecks.summary(d)
                    + "\nCase file (ready to paste):\n" + CaseFiles.write(request));
        }
    }
}
