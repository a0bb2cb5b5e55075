package org.twitchtriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Urgency;

/**
 * Properties every decision must have, whatever the input (docs/clinical-scope.md). Reassurance here is every
 * reassuring code ({@link FindingCode#isReassuring()}): usually harmless, a harmless sleep start, wait and see.
 */
final class SafetyInvariants {
    private SafetyInvariants() {
    }

    static void check(TriageDecision d, String description) {
        Set<String> reassured = reassuredTwitches(d);
        Set<String> redFlagged = twitches(d, FindingKind.RED_FLAG);
        Set<String> referred = twitches(d, FindingKind.REFERRAL);
        Set<String> outside = twitches(d, FindingKind.OUTSIDE_GUIDELINE);

        Set<String> both = new HashSet<>(reassured);
        both.retainAll(union(union(redFlagged, referred), outside));
        assertThat(both).as("twitches both reassured and escalated in: %s", description).isEmpty();

        assertThat(referred).as("every red-flagged twitch is referred to a doctor in: %s", description)
                .containsAll(redFlagged);
        assertThat(referred).as("every twitch outside the guideline is referred to a doctor in: %s", description)
                .containsAll(outside);

        if (!redFlagged.isEmpty() || !outside.isEmpty()) {
            assertThat(d.highestUrgency()).as("a red flag or a case outside the guideline raises the urgency in: %s",
                    description).isGreaterThanOrEqualTo(Urgency.SOON);
        }
        boolean urgent = d.findings().stream().anyMatch(f -> f.getUrgency() == Urgency.URGENT);
        boolean neurological = d.findings().stream().anyMatch(f -> f.getCode().isNervousSystemDisease()
                || f.getCode() == FindingCode.SEE_NEUROLOGIST);
        if (urgent || neurological) {
            assertThat(reassured).as("reassurance given beside an urgent finding, a neurologist or a suspected"
                    + " disease of the nervous system in: %s", description).isEmpty();
        }
        Set<String> tablets = twitches(d, FindingCode.MAGNESIUM_SUPPLEMENT);
        tablets.retainAll(outside);
        assertThat(tablets).as("magnesium tablets for a twitch outside the guideline in: %s", description).isEmpty();
        for (Finding f : d.findings()) {
            assertThat(f.getPassages()).as("finding %s cites the guideline in: %s", f.getCode(), description)
                    .isNotEmpty();
            assertThat(f.getRules()).as("finding %s names its rules in: %s", f.getCode(), description).isNotEmpty();
            if (f.getKind() == FindingKind.OUTSIDE_GUIDELINE) {
                assertThat(f.getUrgency()).as("finding %s states an urgency above routine in: %s", f.getCode(),
                        description).isGreaterThanOrEqualTo(Urgency.SOON);
            }
        }
    }

    /** The checks above, and those that need the request: the scope of the guideline by age. */
    static void check(TriageRequest request, TriageDecision d, String description) {
        check(d, description);
        Patient p = request.getPatient();
        if (p.getAgeYears() != null && p.getAgeYears() < Patient.ADULT_AGE) {
            assertThat(d.findings().stream().map(Finding::getCode).toList())
                    .as("adult-only hypotheses for a patient under %d in: %s", Patient.ADULT_AGE, description)
                    .doesNotContainAnyElementsOf(List.of(FindingCode.ALS, FindingCode.MS));
            assertThat(d.has(FindingCode.MAGNESIUM_SUPPLEMENT) && !p.isPregnant())
                    .as("magnesium tablets without a doctor for a child in: %s", description).isFalse();
        }
        if (p.getAgeYears() != null && p.getAgeYears() < Patient.SCHOOL_AGE) {
            assertThat(d.has(FindingCode.OUTSIDE_GUIDELINE_AGE))
                    .as("a child under school age is noted as outside the guideline in: %s", description).isTrue();
            assertThat(reassuredTwitches(d)).as("reassurance for a child under school age in: %s", description)
                    .isEmpty();
        }
    }

    private static Set<String> reassuredTwitches(TriageDecision d) {
        Set<String> ids = new HashSet<>();
        d.findings().stream().filter(f -> f.getCode().isReassuring())
                .forEach(f -> f.getReasons().forEach(r -> ids.add(r.getTwitchId())));
        return ids;
    }

    private static Set<String> twitches(TriageDecision d, FindingKind kind) {
        Set<String> ids = new HashSet<>();
        d.findings(kind).forEach(f -> f.getReasons().forEach(r -> ids.add(r.getTwitchId())));
        return ids;
    }

    private static Set<String> twitches(TriageDecision d, FindingCode code) {
        Set<String> ids = new HashSet<>();
        d.finding(code).ifPresent(f -> f.getReasons().forEach(r -> ids.add(r.getTwitchId())));
        return ids;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new HashSet<>(a);
        u.addAll(b);
        return u;
    }
}
