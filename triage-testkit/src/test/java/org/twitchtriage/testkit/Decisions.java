package org.twitchtriage.testkit;

import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.authoring.folder.RulesFolder;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.KnowledgeBaseInfo;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.FindingCode;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;

/**
 * A real engine on the kit's own small knowledge base ({@code src/test/resources/knowledge-base}, compiled as a rules
 * folder the way an author tries rules) and a few decisions of it, shared by the kit's tests. The project's rules
 * are not used here: they are tested with this kit.
 */
final class Decisions {
    /** The fixture knowledge base; the tests run in the module's folder. */
    static final Path KNOWLEDGE_BASE = Path.of("src/test/resources/knowledge-base");
    /** Compiling the knowledge base is the slow part; the engine is thread-safe. */
    static final TriageEngine ENGINE = RulesFolder.at(KNOWLEDGE_BASE).engine(EngineOptions.defaults());

    private Decisions() {
    }

    /** Upper-arm twitch with pain: red flag, urgent doctor (UARM-10), disc in the neck; no reassurance. */
    static TriageDecision upperArmPain() {
        return evaluate(Twitch.builder().id("t1").site(BodySite.UPPER_ARM).course(Course.NEW).symptom(Symptom.PAIN));
    }

    /** Eyelid twitch under stress: stress, wait and see, usually harmless. */
    static TriageDecision eyelidUnderStress() {
        return ENGINE.evaluate(TriageRequest.builder()
                .patient(patient().circumstance(Circumstance.STRESS).build())
                .twitch(Twitch.builder().id("t1").site(BodySite.EYELID).course(Course.NEW).build())
                .build());
    }

    /**
     * Increasing whole-body twitching with weakness. The whole-body reassurance fires first and truth maintenance
     * withdraws it once the red flags are in: a rule that fired but concluded nothing that stands.
     */
    static TriageDecision wholeBodyParalysis() {
        return evaluate(Twitch.builder().id("t1").site(BodySite.WHOLE_BODY).course(Course.INCREASING)
                .symptom(Symptom.PARALYSIS));
    }

    /** Eyelid twitch (t1, reassured) and calf twitch with back pain (t2, escalated). */
    static TriageDecision eyelidAndCalfWithBackPain() {
        return evaluate(Twitch.builder().id("t1").site(BodySite.EYELID).course(Course.NEW),
                Twitch.builder().id("t2").site(BodySite.CALF).course(Course.NEW).symptom(Symptom.BACK_PAIN));
    }

    /**
     * A decision no correct knowledge base makes, built by hand: twitch t1 is reassured and referred to a doctor at
     * the same time.
     */
    static TriageDecision reassuredAndReferred() {
        Finding referral = Finding.builder().code(FindingCode.SEE_DOCTOR).urgency(Urgency.SOON).passage("UARM-6")
                .rule("BROKEN-REFERRAL").twitchId("t1")
                .reason(new Finding.Reason("BROKEN-REFERRAL", "t1", Urgency.SOON, "See a doctor.", List.of("UARM-6"),
                        0))
                .build();
        Finding reassurance = Finding.builder().code(FindingCode.USUALLY_HARMLESS).urgency(Urgency.ROUTINE)
                .passage("UARM-1").rule("BROKEN-REASSURE").twitchId("t1")
                .reason(new Finding.Reason("BROKEN-REASSURE", "t1", Urgency.ROUTINE, "Harmless.", List.of("UARM-1"),
                        1))
                .build();
        return new TriageDecision(List.of(referral, reassurance), Urgency.SOON, List.of(),
                new KnowledgeBaseInfo("test", "test", 2, KnowledgeBaseInfo.UNKNOWN_DIGEST));
    }

    static Patient.PatientBuilder patient() {
        return Patient.builder().reference("testkit-patient").ageYears(40).sex(Sex.FEMALE);
    }

    private static TriageDecision evaluate(Twitch.TwitchBuilder... twitches) {
        TriageRequest.TriageRequestBuilder request = TriageRequest.builder().patient(patient().build());
        for (Twitch.TwitchBuilder t : twitches) {
            request.twitch(t.build());
        }
        return ENGINE.evaluate(request.build());
    }
}
