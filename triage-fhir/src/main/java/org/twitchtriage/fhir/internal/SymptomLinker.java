package org.twitchtriage.fhir.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.model.Symptom;

/**
 * Gives each twitch its accompanying symptoms: codes in {@code Condition.evidence.code}, symptom resources referenced
 * from {@code Condition.evidence.detail} or {@code Observation.hasMember}, symptom Observations whose {@code focus} is
 * the twitch, and (with an information issue) a symptom no twitch refers to when there is only one twitch. Not
 * thread-safe; one instance per mapping.
 */
final class SymptomLinker {
    /** A symptom read from its own resource. */
    private record SymptomSource(Located located, Symptom symptom) {
    }

    private final ReadContext ctx;
    private final TwitchReader twitches;
    private final List<SymptomSource> sources = new ArrayList<>();
    private final Map<Resource, SymptomSource> byResource = new IdentityHashMap<>();
    private final Map<Resource, List<TwitchDraft>> links = new IdentityHashMap<>();

    SymptomLinker(ReadContext ctx, TwitchReader twitches) {
        this.ctx = ctx;
        this.twitches = twitches;
    }

    /** Records a resource that states a symptom. */
    void add(Located l, Symptom symptom) {
        SymptomSource s = new SymptomSource(l, symptom);
        sources.add(s);
        byResource.put(l.resource(), s);
    }

    /** Follows the references between twitches and symptoms, then attaches every symptom; call once, at the end. */
    void attach() {
        for (TwitchDraft t : twitches.twitches()) {
            if (t.source.resource() instanceof Condition c) {
                readEvidence(t, c);
            } else if (t.source.resource() instanceof Observation o) {
                List<Reference> members = o.getHasMember();
                for (int d = 0; d < members.size(); d++) {
                    link(t, members.get(d), ".hasMember[" + d + "]");
                }
            }
        }
        for (SymptomSource s : sources) {
            if (s.located().resource() instanceof Observation o) {
                readFocus(s, o);
            }
        }
        for (SymptomSource s : sources) {
            attach(s);
        }
    }

    private void readEvidence(TwitchDraft t, Condition c) {
        List<Condition.ConditionEvidenceComponent> evidence = c.getEvidence();
        for (int e = 0; e < evidence.size(); e++) {
            List<CodeableConcept> codes = evidence.get(e).getCode();
            for (int k = 0; k < codes.size(); k++) {
                ctx.codes().require(t.source, codes.get(k), ".evidence[" + e + "].code[" + k + "]",
                        ConceptTarget.SYMPTOM, "a symptom", NotRead.Part.SYMPTOM)
                        .ifPresent(en -> t.symptoms.add(en.valueAs(Symptom.class)));
            }
            List<Reference> details = evidence.get(e).getDetail();
            for (int d = 0; d < details.size(); d++) {
                link(t, details.get(d), ".evidence[" + e + "].detail[" + d + "]");
            }
        }
    }

    private void readFocus(SymptomSource s, Observation o) {
        List<Reference> focus = o.getFocus();
        for (int f = 0; f < focus.size(); f++) {
            Located target = ctx.index().resolve(focus.get(f));
            TwitchDraft t = target == null ? null : twitches.of(target.resource());
            if (t == null) {
                ctx.issues().error(IssueType.NOTFOUND, s.located().at(".focus[" + f + "]"), "does not refer to a "
                        + "twitch in the bundle");
            } else {
                links.computeIfAbsent(o, k -> new ArrayList<>()).add(t);
            }
        }
    }

    private void link(TwitchDraft t, Reference ref, String path) {
        Located target = ctx.index().resolve(ref);
        if (target == null) {
            ctx.issues().error(IssueType.NOTFOUND, t.source.at(path), "refers to a resource that is not in the "
                    + "bundle");
            return;
        }
        if (!byResource.containsKey(target.resource())) {
            ctx.issues().error(IssueType.CODEINVALID, t.source.at(path), "refers to " + target.label()
                    + ", which does not state a symptom from the concept map (or was not used; see its own issue)");
            return;
        }
        links.computeIfAbsent(target.resource(), k -> new ArrayList<>()).add(t);
    }

    private void attach(SymptomSource s) {
        List<TwitchDraft> all = twitches.twitches();
        List<TwitchDraft> linked = links.get(s.located().resource());
        if (linked != null) {
            linked.forEach(t -> t.symptoms.add(s.symptom()));
        } else if (all.size() == 1) {
            all.get(0).symptoms.add(s.symptom());
            ctx.issues().information(s.located().at(""), "read as " + s.symptom() + " accompanying the only twitch ("
                    + all.get(0).source.label() + ")");
        } else if (!all.isEmpty()) {
            ctx.issues().error(IssueType.BUSINESSRULE, s.located().at(""), "states " + s.symptom() + " but no twitch "
                    + "refers to it and there are " + all.size() + " twitches; reference it from the twitch's "
                    + "Condition.evidence.detail (or Observation.focus)");
        } else {
            ctx.issues().warning(IssueType.NOTSUPPORTED, s.located().at(""), "states " + s.symptom() + " but the "
                    + "bundle holds no twitch; not used");
        }
    }
}
