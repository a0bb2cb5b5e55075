package org.twitchtriage.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * The safety properties every decision must have, whatever the input and whatever the knowledge base
 * (docs/clinical-scope.md). Check them with {@link DecisionAssert#meetsSafetyInvariants(TriageRequest)} (all of
 * them) or {@link DecisionAssert#meets(TriageRequest, SafetyInvariant...)} (some).
 *
 * <p>Reassurance is every reassuring code ({@link FindingCode#isReassuring()}): usually harmless, a harmless sleep
 * start, wait and see. Which twitches a finding concerns is read from its reasons, one per contributing rule. A
 * reason about the patient as a whole (no twitch id) counts both for the whole patient and for every twitch of the
 * request (or, without a request, every twitch the decision names), so such a finding can neither hide nor dodge a
 * conflict. Stateless and thread-safe.
 */
public enum SafetyInvariant {
    /** No twitch is both reassured and escalated: red-flagged, referred, or outside the guideline. */
    NEVER_REASSURED_AND_ESCALATED {
        @Override
        void check(Twitches t, List<String> problems) {
            Map<String, List<String>> reassured = t.contributions(f -> f.getCode().isReassuring());
            Map<String, List<String>> escalated = t.contributions(f -> f.getKind() == FindingKind.RED_FLAG
                    || f.getKind() == FindingKind.REFERRAL || f.getKind() == FindingKind.OUTSIDE_GUIDELINE);
            reassured.forEach((twitch, reassurances) -> {
                if (escalated.containsKey(twitch)) {
                    problems.add(on(twitch) + " is reassured (" + String.join(", ", reassurances) + ") and escalated ("
                            + String.join(", ", escalated.get(twitch)) + ")");
                }
            });
        }
    },
    /** Every red-flagged twitch is referred to a doctor. */
    RED_FLAGS_REFERRED {
        @Override
        void check(Twitches t, List<String> problems) {
            Set<String> referred = t.of(FindingKind.REFERRAL);
            t.of(FindingKind.RED_FLAG).stream().filter(id -> !referred.contains(id))
                    .forEach(id -> problems.add(on(id) + " is red-flagged but not referred to a doctor"));
        }
    },
    /** A red flag, or a case outside the guideline, makes the highest urgency at least {@link Urgency#SOON}. */
    RED_FLAGS_RAISE_THE_URGENCY {
        @Override
        void check(Twitches t, List<String> problems) {
            boolean raised = !t.decision.findings(FindingKind.RED_FLAG).isEmpty()
                    || !t.decision.findings(FindingKind.OUTSIDE_GUIDELINE).isEmpty();
            if (raised && t.decision.highestUrgency().compareTo(Urgency.SOON) < 0) {
                problems.add("a red flag or a case outside the guideline, but the highest urgency is "
                        + t.decision.highestUrgency());
            }
        }
    },
    /**
     * No reassurance at all beside an urgent finding, a referral to a neurologist or a suspected disease of the
     * nervous system ({@link FindingCode#isNervousSystemDisease()}).
     */
    NO_REASSURANCE_BESIDE_URGENCY_OR_NERVOUS_SYSTEM_DISEASE {
        @Override
        void check(Twitches t, List<String> problems) {
            List<String> grave = t.decision.findings().stream().filter(f -> f.getUrgency() == Urgency.URGENT
                            || f.getCode().isNervousSystemDisease() || f.getCode() == FindingCode.SEE_NEUROLOGIST)
                    .map(f -> f.getCode() + " (" + f.getUrgency() + ")").toList();
            List<String> reassurance = t.decision.findings().stream().filter(f -> f.getCode().isReassuring())
                    .map(f -> f.getCode().name()).toList();
            if (!grave.isEmpty() && !reassurance.isEmpty()) {
                problems.add("reassurance " + reassurance + " beside " + grave);
            }
        }
    },
    /**
     * A twitch outside the guideline is referred to a doctor, with an urgency above routine, and gets no magnesium
     * tablets.
     */
    OUTSIDE_THE_GUIDELINE_MEANS_A_DOCTOR_WITHOUT_TABLETS {
        @Override
        void check(Twitches t, List<String> problems) {
            Set<String> outside = t.of(FindingKind.OUTSIDE_GUIDELINE);
            Set<String> referred = t.of(FindingKind.REFERRAL);
            Set<String> tablets = t.of(f -> f.getCode() == FindingCode.MAGNESIUM_SUPPLEMENT);
            for (String id : outside) {
                if (!referred.contains(id)) {
                    problems.add(on(id) + " is outside the guideline but not referred to a doctor");
                }
                if (tablets.contains(id)) {
                    problems.add(on(id) + " is outside the guideline but gets magnesium tablets");
                }
            }
            t.decision.findings(FindingKind.OUTSIDE_GUIDELINE).stream()
                    .filter(f -> f.getUrgency().compareTo(Urgency.SOON) < 0)
                    .forEach(f -> problems.add(f.getCode() + " states urgency " + f.getUrgency() + ", not above"
                            + " routine"));
        }
    },
    /**
     * Every finding cites the guideline (at least one passage) and names the rules that concluded it.
     */
    FINDINGS_CITE_THE_GUIDELINE_AND_NAME_THEIR_RULES {
        @Override
        void check(Twitches t, List<String> problems) {
            for (Finding f : t.decision.findings()) {
                if (f.getPassages().isEmpty()) {
                    problems.add(f.getCode() + " cites no passage of the guideline");
                }
                if (f.getRules().isEmpty()) {
                    problems.add(f.getCode() + " names no rule");
                }
            }
        }
    },
    /**
     * Children, by the patient's age in the request: no ALS or MS and no magnesium tablets without a doctor (unless
     * pregnant) under {@value Patient#ADULT_AGE}; under {@value Patient#SCHOOL_AGE}, a note that the case is outside
     * the guideline and no reassurance. Without a request, or without an age, there is nothing to check.
     */
    CHILDREN_IN_THE_GUIDELINE_SCOPE {
        @Override
        void check(Twitches t, List<String> problems) {
            Patient p = t.request == null ? null : t.request.getPatient();
            if (p == null || p.getAgeYears() == null) {
                return;
            }
            TriageDecision d = t.decision;
            if (p.getAgeYears() < Patient.ADULT_AGE) {
                List.of(FindingCode.ALS, FindingCode.MS).stream().filter(d::has).forEach(code -> problems.add(
                        "adult-only hypothesis " + code + " for a patient under " + Patient.ADULT_AGE));
                if (d.has(FindingCode.MAGNESIUM_SUPPLEMENT) && !p.isPregnant()) {
                    problems.add("magnesium tablets without a doctor for a patient under " + Patient.ADULT_AGE);
                }
            }
            if (p.getAgeYears() < Patient.SCHOOL_AGE) {
                if (!d.has(FindingCode.OUTSIDE_GUIDELINE_AGE)) {
                    problems.add("a child under " + Patient.SCHOOL_AGE + " is not noted as outside the guideline ("
                            + FindingCode.OUTSIDE_GUIDELINE_AGE + ")");
                }
                Set<String> reassured = t.of(f -> f.getCode().isReassuring());
                if (!reassured.isEmpty()) {
                    problems.add("reassurance for a child under " + Patient.SCHOOL_AGE + " on "
                            + reassured.stream().map(SafetyInvariant::on).toList());
                }
            }
        }
    };

    /** Key of the whole patient in the twitch sets: a reason without a twitch id. */
    static final String WHOLE_PATIENT = "";

    abstract void check(Twitches twitches, List<String> problems);

    /**
     * @param request  the request the decision answers, or {@code null} when it is not at hand (then
     *                 {@link #CHILDREN_IN_THE_GUIDELINE_SCOPE} checks nothing)
     * @param decision the decision to check
     * @return what is wrong with the decision, one line each; empty when it has this property
     */
    public List<String> problems(TriageRequest request, TriageDecision decision) {
        List<String> problems = new ArrayList<>();
        check(new Twitches(request, decision), problems);
        return problems;
    }

    private static String on(String twitchId) {
        return WHOLE_PATIENT.equals(twitchId) ? "the whole patient" : "twitch " + twitchId;
    }

    /** The twitches the findings of a decision concern, by their reasons. */
    static final class Twitches {
        private final TriageRequest request;
        private final TriageDecision decision;
        private final Set<String> every = new TreeSet<>();

        Twitches(TriageRequest request, TriageDecision decision) {
            this.request = request;
            this.decision = decision;
            if (request != null) {
                request.getTwitches().stream().map(Twitch::getId).forEach(every::add);
            } else {
                decision.findings().forEach(f -> every.addAll(f.getTwitchIds()));
            }
        }

        Set<String> of(FindingKind kind) {
            return of(f -> f.getKind() == kind);
        }

        Set<String> of(Predicate<Finding> which) {
            return new TreeSet<>(contributions(which).keySet());
        }

        /** @return per twitch id ({@link #WHOLE_PATIENT} too), "CODE by RULE" for each matching contribution */
        Map<String, List<String>> contributions(Predicate<Finding> which) {
            Map<String, List<String>> byTwitch = new LinkedHashMap<>();
            for (Finding f : decision.findings()) {
                if (!which.test(f)) {
                    continue;
                }
                for (Finding.Reason r : f.getReasons()) {
                    String contribution = f.getCode() + " by " + r.getRuleId();
                    Set<String> ids = r.getTwitchId() == null ? union(WHOLE_PATIENT, every) : Set.of(r.getTwitchId());
                    ids.forEach(id -> byTwitch.computeIfAbsent(id, k -> new ArrayList<>()).add(contribution));
                }
            }
            return byTwitch;
        }

        private static Set<String> union(String one, Set<String> more) {
            Set<String> all = new TreeSet<>(more);
            all.add(one);
            return all;
        }
    }
}
