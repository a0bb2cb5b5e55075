package org.twitchtriage.rules.properties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.FindingKind;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * The safety requirements every decision must meet, whatever the input, as checks that return the problems they
 * find (an empty list when the decision is safe). The property tests in this package run them over generated
 * requests; rule tests may call them on their own cases.
 *
 * <p>The requirements, in the words of the issue that asked for them:
 * <ul>
 *   <li>{@link #redFlagsReachADoctor}: every red flag leads to a doctor with at least {@link Urgency#SOON};</li>
 *   <li>{@link #noReassuranceBesideEscalation}: never reassurance and escalation in one patient;</li>
 *   <li>{@link #notLowered}: a worse input never lowers the highest urgency nor removes a referral;</li>
 *   <li>{@link #unknownsNamedAndNeverReassured}: a twitch whose course or body site the record does not say is never
 *       reassured, and the decision names what was unknown;</li>
 *   <li>{@link #canonical}: what a decision says, independent of the order the rules fired in.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SafetyChecks {
    /**
     * Findings that tell the patient the twitching is harmless or can be left alone: the reassurance itself, the advice
     * to wait, and the harmless jerk on falling asleep (a hypothesis by kind, but reassurance by what it tells).
     */
    public static final Set<FindingCode> REASSURANCE = EnumSet.of(
            FindingCode.USUALLY_HARMLESS, FindingCode.WAIT_AND_SEE, FindingCode.SLEEP_START);

    /**
     * Suspected diseases of the nervous system, as the guideline names them: ALS and MS (BODY-4, KNEE-3), epilepsy and
     * brain tumour (EYE-5), restless legs syndrome ("this neurological disease", LEG-3), tic disorder ("a neurological
     * disease", LID-3) and polyneuropathy (damage to several nerves, CALF-5). A referral to a neurologist means the
     * same suspicion.
     */
    public static final Set<FindingCode> NERVOUS_SYSTEM_SUSPICION = EnumSet.of(
            FindingCode.ALS, FindingCode.MS, FindingCode.EPILEPSY, FindingCode.BRAIN_TUMOUR,
            FindingCode.RESTLESS_LEGS_SYNDROME, FindingCode.TIC_DISORDER, FindingCode.POLYNEUROPATHY,
            FindingCode.SEE_NEUROLOGIST);

    /**
     * Kinds of finding that send the patient to a doctor: a referral, and a note that the case lies outside the
     * guideline, which the model documents as "a doctor with the stated urgency instead" of the guideline's advice.
     */
    public static final Set<FindingKind> DOCTOR = EnumSet.of(FindingKind.REFERRAL, FindingKind.OUTSIDE_GUIDELINE);

    private SafetyChecks() {
    }

    /**
     * A twitch with an unknown course or body site is never reassured (never "usually harmless", "wait", "harmless
     * sleep start"), and the decision says, on that twitch, that the course or the site was unknown.
     *
     * @param request the request decided
     * @param d       its decision
     * @return the problems; empty when every unknown is named and none is reassured
     */
    public static List<String> unknownsNamedAndNeverReassured(TriageRequest request, TriageDecision d) {
        List<String> problems = new ArrayList<>();
        for (Twitch t : request.getTwitches()) {
            boolean courseUnknown = t.getCourse() == Course.UNKNOWN;
            boolean siteUnknown = t.getSite() == BodySite.UNKNOWN;
            if (!courseUnknown && !siteUnknown) {
                continue;
            }
            Set<FindingCode> codes = EnumSet.noneOf(FindingCode.class);
            d.findings().stream().filter(f -> f.getTwitchIds().contains(t.getId())).forEach(f -> codes.add(
                    f.getCode()));
            codes.stream().filter(REASSURANCE::contains).forEach(c -> problems.add(c + " on " + on(t.getId())
                    + ", whose " + (courseUnknown ? "course" : "body site") + " is unknown"));
            if (courseUnknown && !codes.contains(FindingCode.OUTSIDE_GUIDELINE_COURSE_UNKNOWN)) {
                problems.add("the unknown course of " + on(t.getId()) + " is not named");
            }
            if (siteUnknown && !codes.contains(FindingCode.OUTSIDE_GUIDELINE_SITE_UNKNOWN)) {
                problems.add("the unknown body site of " + on(t.getId()) + " is not named");
            }
        }
        return problems;
    }

    /**
     * Every red flag leads to a doctor: a {@link #DOCTOR} finding on the same twitch (or, for a red flag about the
     * patient as a whole, on any) with at least {@link Urgency#SOON} and at least the red flag's own urgency; and the decision's highest
     * urgency is at least {@code SOON}.
     *
     * @param d the decision
     * @return the problems; empty when every red flag reaches a doctor
     */
    public static List<String> redFlagsReachADoctor(TriageDecision d) {
        List<String> problems = new ArrayList<>();
        Map<String, Urgency> referred = doctorUrgencyByTwitch(d);
        Urgency anyReferral = referred.values().stream().reduce(null, SafetyChecks::higher);
        for (Finding flag : d.findings(FindingKind.RED_FLAG)) {
            for (Finding.Reason r : flag.getReasons()) {
                Urgency needed = Urgency.SOON.max(r.getUrgency());
                // a referral of the patient as a whole covers every twitch
                Urgency got = r.getTwitchId() == null ? anyReferral
                        : higher(referred.get(r.getTwitchId()), referred.get(null));
                if (got == null || got.compareTo(needed) < 0) {
                    problems.add("red flag " + flag.getCode() + " (" + r.getUrgency() + ") on " + on(r.getTwitchId())
                            + " needs a doctor at least " + needed + ", referral there: "
                            + (got == null ? "none" : got));
                }
            }
        }
        if (!d.findings(FindingKind.RED_FLAG).isEmpty() && d.highestUrgency().compareTo(Urgency.SOON) < 0) {
            problems.add("red flags, but the highest urgency is " + d.highestUrgency());
        }
        return problems;
    }

    /**
     * Never reassurance and escalation in one patient: no {@link #REASSURANCE} finding, on any twitch, when the
     * decision holds an {@link Urgency#URGENT} finding or a {@link #NERVOUS_SYSTEM_SUSPICION}; and no twitch is both
     * reassured and red-flagged or sent to a doctor ({@link #DOCTOR}).
     *
     * @param d the decision
     * @return the problems; empty when reassurance and escalation never meet
     */
    public static List<String> noReassuranceBesideEscalation(TriageDecision d) {
        List<String> problems = new ArrayList<>();
        List<Finding> reassurance = d.findings().stream().filter(f -> REASSURANCE.contains(f.getCode())).toList();
        if (reassurance.isEmpty()) {
            return problems;
        }
        List<String> reassured = reassurance.stream().map(f -> f.getCode() + " on " + on(f.getTwitchIds())).toList();
        List<String> urgent = d.findings().stream().filter(f -> f.getUrgency() == Urgency.URGENT)
                .map(f -> f.getCode() + " on " + on(f.getTwitchIds())).toList();
        if (!urgent.isEmpty()) {
            problems.add("reassurance " + reassured + " beside URGENT " + urgent);
        }
        List<String> neuro = d.findings().stream().filter(f -> NERVOUS_SYSTEM_SUSPICION.contains(f.getCode()))
                .map(f -> f.getCode() + " on " + on(f.getTwitchIds())).toList();
        if (!neuro.isEmpty()) {
            problems.add("reassurance " + reassured + " beside suspected disease of the nervous system " + neuro);
        }
        Set<String> escalated = new TreeSet<>();
        for (Finding f : d.findings()) {
            if (f.getKind() == FindingKind.RED_FLAG || DOCTOR.contains(f.getKind())) {
                f.getReasons().forEach(r -> escalated.add(String.valueOf(r.getTwitchId())));
            }
        }
        for (Finding f : reassurance) {
            for (Finding.Reason r : f.getReasons()) {
                if (escalated.contains(String.valueOf(r.getTwitchId()))) {
                    problems.add(f.getCode() + " on " + on(r.getTwitchId()) + ", which is red-flagged or referred");
                }
            }
        }
        return problems;
    }

    /**
     * A clinically worse request never lowers the highest urgency and never removes or weakens a referral: every
     * referral of {@code before} (by code and twitch) is in {@code after} with at least the same urgency, and no
     * twitch that was sent to a doctor ({@link #DOCTOR}: a referral or a note that it is outside the guideline) is
     * sent less urgently or not at all. (An outside-the-guideline note may give way to a referral of at least its
     * urgency, since the guideline then speaks for the twitch.)
     *
     * @param before the decision for the request before the worsening step
     * @param after  the decision for the request after it
     * @return the problems; empty when nothing was lowered or removed
     */
    public static List<String> notLowered(TriageDecision before, TriageDecision after) {
        List<String> problems = new ArrayList<>();
        if (after.highestUrgency().compareTo(before.highestUrgency()) < 0) {
            problems.add("highest urgency fell from " + before.highestUrgency() + " to " + after.highestUrgency());
        }
        Map<String, Urgency> was = referrals(before);
        Map<String, Urgency> is = referrals(after);
        was.forEach((referral, urgency) -> {
            Urgency now = is.get(referral);
            if (now == null) {
                problems.add("referral " + referral + " (" + urgency + ") was removed");
            } else if (now.compareTo(urgency) < 0) {
                problems.add("referral " + referral + " fell from " + urgency + " to " + now);
            }
        });
        Map<String, Urgency> doctorAfter = doctorUrgencyByTwitch(after);
        doctorUrgencyByTwitch(before).forEach((twitchId, urgency) -> {
            Urgency now = doctorAfter.get(twitchId);
            if (now == null || now.compareTo(urgency) < 0) {
                problems.add("doctor for " + on(twitchId) + " fell from " + urgency + " to " + (now == null ? "none"
                        : now));
            }
        });
        return problems;
    }

    /**
     * What a decision says, independent of firing order: its highest urgency and, for every finding in presentation
     * order, code, urgency, twitches, passages, rules and the set of contributions (rule, twitch, urgency,
     * explanation). Two decisions that say the same have equal canonical forms.
     *
     * @param d the decision
     * @return a text that compares equal for decisions that say the same
     */
    public static String canonical(TriageDecision d) {
        StringBuilder out = new StringBuilder("highest " + d.highestUrgency());
        for (Finding f : d.findings()) {
            Set<String> reasons = f.getReasons().stream()
                    .map(r -> r.getRuleId() + "/" + r.getTwitchId() + "/" + r.getUrgency() + "/" + r.getExplanation())
                    .collect(Collectors.toCollection(TreeSet::new));
            out.append('\n').append(f.getCode()).append(' ').append(f.getUrgency()).append(' ')
                    .append(f.getTwitchIds()).append(' ').append(f.getPassages()).append(' ').append(f.getRules())
                    .append(' ').append(reasons);
        }
        return out.toString();
    }

    /** @return a one-line summary of a decision for failure reports: highest urgency and findings with twitches */
    public static String summary(TriageDecision d) {
        return d.highestUrgency() + " " + d.findings().stream()
                .map(f -> f.getCode() + "(" + f.getUrgency() + (f.getTwitchIds().isEmpty() ? "" : " " + String.join(
                        ",", f.getTwitchIds())) + ")")
                .toList();
    }

    /** Urgency of the doctor ({@link #DOCTOR}) per twitch id ({@code null} key: the patient as a whole), the highest. */
    private static Map<String, Urgency> doctorUrgencyByTwitch(TriageDecision d) {
        Map<String, Urgency> out = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Finding f : doctorVisits(d)) {
            for (Finding.Reason r : f.getReasons()) {
                out.merge(r.getTwitchId(), r.getUrgency(), Urgency::max);
            }
        }
        return out;
    }

    /** Each referral as "CODE on twitch", with the highest urgency any rule gave it there. */
    private static Map<String, Urgency> referrals(TriageDecision d) {
        Map<String, Urgency> out = new TreeMap<>();
        for (Finding f : d.findings(FindingKind.REFERRAL)) {
            for (Finding.Reason r : f.getReasons()) {
                out.merge(f.getCode() + " on " + on(r.getTwitchId()), r.getUrgency(), Urgency::max);
            }
        }
        return out;
    }

    private static List<Finding> doctorVisits(TriageDecision d) {
        return d.findings().stream().filter(f -> DOCTOR.contains(f.getKind())).toList();
    }

    private static Urgency higher(Urgency a, Urgency b) {
        return a == null ? b : b == null ? a : a.max(b);
    }

    private static String on(String twitchId) {
        return twitchId == null ? "the patient" : "twitch " + twitchId;
    }

    private static String on(Set<String> twitchIds) {
        return twitchIds.isEmpty() ? "the patient" : String.join(",", twitchIds);
    }
}
