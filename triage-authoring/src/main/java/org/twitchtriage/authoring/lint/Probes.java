package org.twitchtriage.authoring.lint;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Circumstance;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.SelfCare;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.Symptom;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Visibility;

/**
 * Generated situations to try a knowledge base on: every body site, crossed with one accompanying symptom, course,
 * self-care result or other detail at a time, for a few kinds of patient. Each comes with a description in plain
 * words. Stateless.
 */
final class Probes {
    /** The id of the twitch in every probe. */
    static final String TWITCH = "t1";

    private Probes() {
    }

    /**
     * One generated situation.
     *
     * @param request     the request
     * @param description what it is, for example "a twitch in the calf with pain, in a man of 40"
     */
    record Probe(TriageRequest request, String description) {
    }

    private record Variant(String description, UnaryOperator<Twitch.TwitchBuilder> apply) {
    }

    private record Person(String description, Patient patient) {
    }

    /** @return every probe, in a fixed order */
    static List<Probe> all() {
        List<Probe> probes = new ArrayList<>();
        for (Person person : people()) {
            for (BodySite site : BodySite.values()) {
                for (Variant v : variants()) {
                    Twitch twitch = v.apply().apply(Twitch.builder().id(TWITCH).site(site).course(Course.NEW))
                            .build();
                    String where = site == BodySite.WHOLE_BODY ? "a twitch all over the body"
                            : "a twitch in the " + site.display();
                    probes.add(new Probe(TriageRequest.builder().patient(person.patient()).twitch(twitch).build(),
                            where + (v.description().isEmpty() ? "" : " " + v.description()) + ", in "
                                    + person.description()));
                }
            }
        }
        return probes;
    }

    private static List<Variant> variants() {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant("", t -> t));
        for (Symptom s : Symptom.values()) {
            out.add(new Variant("with " + s.display(), t -> t.symptom(s)));
        }
        out.add(new Variant("that persists", t -> t.course(Course.PERSISTING)));
        out.add(new Variant("that is increasing", t -> t.course(Course.INCREASING)));
        out.add(new Variant("that is improving", t -> t.course(Course.IMPROVING)));
        out.add(new Variant("that self-care did not help", t -> t.selfCare(SelfCare.NO_IMPROVEMENT)));
        out.add(new Variant("that self-care helped", t -> t.selfCare(SelfCare.HELPED)));
        out.add(new Variant("just before falling asleep", t -> t.beforeSleep(true)));
        out.add(new Variant("lasting 30 days", t -> t.durationDays(30)));
        out.add(new Variant("only under the skin", t -> t.visibility(Visibility.UNDER_SKIN)));
        out.add(new Variant("that moves the limb or the eye", t -> t.visibility(Visibility.LIMB_OR_EYE_MOVES)));
        return out;
    }

    private static List<Person> people() {
        Patient.PatientBuilder pregnant = Patient.builder().reference("probe").ageYears(30).sex(Sex.FEMALE)
                .pregnant(true);
        Patient.PatientBuilder older = Patient.builder().reference("probe").ageYears(75).sex(Sex.FEMALE);
        for (Circumstance c : Circumstance.values()) {
            pregnant.circumstance(c);
            older.circumstance(c);
        }
        for (Analyte a : Analyte.values()) {
            pregnant.labResult(LabResult.builder().analyte(a).unit(LabUnit.MMOL_PER_L)
                    .value(a.lowerLimitMmolPerL().multiply(new BigDecimal("0.5"))).build());
        }
        return List.of(
                new Person("a man of 40", Patient.builder().reference("probe").ageYears(40).sex(Sex.MALE).build()),
                new Person("a pregnant woman of 30 with every circumstance and low electrolytes", pregnant.build()),
                new Person("a woman of 75 with every circumstance", older.build()));
    }
}
