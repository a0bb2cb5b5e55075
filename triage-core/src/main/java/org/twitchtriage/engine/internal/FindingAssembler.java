package org.twitchtriage.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.Conclusion;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * Merges the conclusions of one evaluation into findings: one finding per code, carrying every contributing rule,
 * the union of their passages and twitches, and the highest urgency. Stateless apart from the passage order;
 * thread-safe.
 *
 * <p>It runs once per evaluation on a handful of conclusions (typically 5 to 25), so it works on small lists that
 * are sorted and de-duplicated in place, reused from one finding to the next, instead of a sorted set and a map
 * per finding: the finding's builder copies them anyway.
 */
public final class FindingAssembler {
    private final Comparator<String> passageOrder;

    public FindingAssembler(Guideline guideline) {
        // a map, not List.indexOf: the comparator runs for every passage of every finding of every evaluation
        Map<String, Integer> position = new HashMap<>();
        List<Passage> passages = guideline.passages();
        for (int i = 0; i < passages.size(); i++) {
            position.putIfAbsent(passages.get(i).id(), i);
        }
        this.passageOrder = Comparator.comparingInt(id -> position.getOrDefault(id, -1));
    }

    /** @return merged findings in {@link Finding#PRESENTATION_ORDER} */
    public List<Finding> assemble(List<EvaluationRecorder.Attributed> conclusions) {
        Scratch scratch = new Scratch();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < conclusions.size(); i++) {
            FindingCode code = conclusions.get(i).conclusion().getCode();
            if (firstWith(conclusions, code) == i) {
                findings.add(merge(code, conclusions, i, scratch));
            }
        }
        // the presentation order is total (codes are unique here), so the order of the loop above does not matter
        findings.sort(Finding.PRESENTATION_ORDER);
        return List.copyOf(findings);
    }

    private static int firstWith(List<EvaluationRecorder.Attributed> conclusions, FindingCode code) {
        int i = 0;
        while (conclusions.get(i).conclusion().getCode() != code) {
            i++;
        }
        return i;
    }

    /** Merges the conclusions with the given code, the first of which is at {@code from}. */
    private Finding merge(FindingCode code, List<EvaluationRecorder.Attributed> conclusions, int from,
                          Scratch s) {
        s.clear();
        Urgency urgency = Urgency.ROUTINE;
        for (int i = from; i < conclusions.size(); i++) {
            EvaluationRecorder.Attributed a = conclusions.get(i);
            Conclusion c = a.conclusion();
            if (c.getCode() != code) {
                continue;
            }
            urgency = urgency.max(c.getUrgency());
            s.passages.addAll(a.rule().passages());
            s.rules.add(a.rule().id());
            if (c.getTwitchId() != null) {
                s.twitches.add(c.getTwitchId());
            }
            addReason(s.reasons, new Finding.Reason(a.rule().id(), c.getTwitchId(), c.getUrgency(),
                    c.getExplanation(), a.rule().passages(), a.firing()));
        }
        sortDistinct(s.passages, passageOrder);
        sortDistinct(s.rules, Comparator.naturalOrder());
        sortDistinct(s.twitches, Comparator.naturalOrder());
        return Finding.builder().code(code).urgency(urgency).passages(s.passages).rules(s.rules)
                .twitchIds(s.twitches).reasons(s.reasons).build();
    }

    /**
     * The same rule may conclude the same thing on the same twitch from several matches: keep one reason, in the
     * place of the first, with the highest urgency among them (the first on a tie).
     */
    private static void addReason(List<Finding.Reason> reasons, Finding.Reason reason) {
        for (int i = 0; i < reasons.size(); i++) {
            Finding.Reason r = reasons.get(i);
            if (r.getRuleId().equals(reason.getRuleId()) && Objects.equals(r.getTwitchId(), reason.getTwitchId())
                    && Objects.equals(r.getExplanation(), reason.getExplanation())) {
                if (reason.getUrgency().compareTo(r.getUrgency()) > 0) {
                    reasons.set(i, reason);
                }
                return;
            }
        }
        reasons.add(reason);
    }

    /** Sorts in place and keeps the first of each run of elements the order calls equal (as a sorted set would). */
    static void sortDistinct(List<String> values, Comparator<? super String> order) {
        if (values.size() < 2) {
            return;
        }
        values.sort(order);
        int kept = 1;
        for (int i = 1; i < values.size(); i++) {
            if (order.compare(values.get(kept - 1), values.get(i)) != 0) {
                values.set(kept++, values.get(i));
            }
        }
        values.subList(kept, values.size()).clear();
    }

    /** Lists reused for each finding of one evaluation; the finding's builder copies what it keeps. */
    private static final class Scratch {
        final List<String> passages = new ArrayList<>();
        final List<String> rules = new ArrayList<>();
        final List<String> twitches = new ArrayList<>();
        final List<Finding.Reason> reasons = new ArrayList<>();

        void clear() {
            passages.clear();
            rules.clear();
            twitches.clear();
            reasons.clear();
        }
    }
}
