package org.twitchtriage.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.guideline.Passage;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Urgency;

/**
 * Merges the conclusions of one evaluation into findings: one finding per code, carrying every contributing rule,
 * the union of their passages and twitches, and the highest urgency. Stateless apart from the passage order;
 * thread-safe.
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
        Map<FindingCode, List<EvaluationRecorder.Attributed>> byCode = new LinkedHashMap<>();
        for (EvaluationRecorder.Attributed a : conclusions) {
            byCode.computeIfAbsent(a.conclusion().getCode(), c -> new ArrayList<>()).add(a);
        }
        List<Finding> findings = new ArrayList<>();
        byCode.forEach((code, parts) -> findings.add(merge(code, parts)));
        findings.sort(Finding.PRESENTATION_ORDER);
        return List.copyOf(findings);
    }

    private Finding merge(FindingCode code, List<EvaluationRecorder.Attributed> parts) {
        Urgency urgency = Urgency.ROUTINE;
        TreeSet<String> passages = new TreeSet<>(passageOrder);
        TreeSet<String> rules = new TreeSet<>();
        TreeSet<String> twitches = new TreeSet<>();
        Finding.FindingBuilder b = Finding.builder().code(code);
        // the same rule may conclude the same thing on the same twitch from several matches: keep one reason,
        // with the highest urgency among them
        Map<List<String>, Finding.Reason> reasons = new LinkedHashMap<>();
        for (EvaluationRecorder.Attributed a : parts) {
            urgency = urgency.max(a.conclusion().getUrgency());
            passages.addAll(a.rule().passages());
            rules.add(a.rule().id());
            if (a.conclusion().getTwitchId() != null) {
                twitches.add(a.conclusion().getTwitchId());
            }
            Finding.Reason reason = new Finding.Reason(a.rule().id(), a.conclusion().getTwitchId(),
                    a.conclusion().getUrgency(), a.conclusion().getExplanation(), a.rule().passages(), a.firing());
            reasons.merge(Arrays.asList(reason.getRuleId(), reason.getTwitchId(), reason.getExplanation()), reason,
                    (x, y) -> x.getUrgency().compareTo(y.getUrgency()) >= 0 ? x : y);
        }
        b.reasons(reasons.values());
        return b.urgency(urgency).passages(passages).rules(rules).twitchIds(twitches).build();
    }
}
