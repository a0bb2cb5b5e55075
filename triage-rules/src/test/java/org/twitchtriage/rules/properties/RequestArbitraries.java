package org.twitchtriage.rules.properties;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
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
import org.twitchtriage.validation.RequestValidator;

/**
 * Generators of {@link TriageRequest}s over the whole fact model: every age the validator accepts, every sex,
 * pregnancy wherever it is plausible, any set of circumstances, zero to four lab results on both sides of their
 * reference limits (in every unit the validator accepts for the analyte), and one to three twitches with any body
 * site, visibility, course, sleep timing, duration, self-care result and set of symptoms. Body site and course include
 * {@code UNKNOWN} (what an EHR record often leaves out), so that the rules on unknown input meet every combination.
 *
 * <p>Only valid requests come out of {@link #validRequests()}; the limits are read from {@link RequestValidator} so
 * that the generator and the validator cannot drift apart.
 */
final class RequestArbitraries {
    /** The pseudonymous reference of every generated patient; a test checks it never appears in an error. */
    static final String REFERENCE = "property-patient";
    /** Most twitches per generated request: enough for every interaction between two and three complaints. */
    static final int MAX_TWITCHES = 3;
    /** The age a counterexample shrinks towards: an adult, so that age is only named when it matters. */
    private static final int TYPICAL_AGE = 40;

    private RequestArbitraries() {
    }

    /** @return valid requests with one to {@value #MAX_TWITCHES} twitches, ids {@code t1, t2, ...} */
    static Arbitrary<TriageRequest> validRequests() {
        return Combinators.combine(patients(), twitches().list().ofMinSize(1).ofMaxSize(MAX_TWITCHES))
                .as((patient, twitches) -> TriageRequest.builder().patient(patient).twitches(numbered(twitches))
                        .build());
    }

    private static List<Twitch> numbered(List<Twitch> twitches) {
        List<Twitch> out = new ArrayList<>();
        for (int i = 0; i < twitches.size(); i++) {
            out.add(twitches.get(i).toBuilder().id("t" + (i + 1)).build());
        }
        return out;
    }

    static Arbitrary<Patient> patients() {
        Arbitrary<Integer> ages = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(18, 90).shrinkTowards(TYPICAL_AGE)),
                Tuple.of(1, Arbitraries.integers().between(0, RequestValidator.MAX_AGE).shrinkTowards(TYPICAL_AGE)));
        Arbitrary<Set<Circumstance>> circumstances = Arbitraries.subsetOf(Circumstance.values());
        return Combinators.combine(ages, Arbitraries.of(Sex.class), Arbitraries.of(false, true), circumstances,
                labResults()).as((age, sex, pregnant, circ, labs) -> Patient.builder()
                        .reference(REFERENCE)
                        .ageYears(age)
                        .sex(sex)
                        .pregnant(pregnant && pregnancyPlausible(sex, age))
                        .circumstances(circ)
                        .labResults(labs)
                        .build());
    }

    /** @return whether the validator accepts a pregnancy for this sex and age */
    static boolean pregnancyPlausible(Sex sex, int age) {
        return sex != Sex.MALE && age >= RequestValidator.MIN_PREGNANCY_AGE
                && age <= RequestValidator.MAX_PREGNANCY_AGE;
    }

    /** At most one result per analyte, most requests without any. */
    private static Arbitrary<List<LabResult>> labResults() {
        List<Arbitrary<LabResult>> each = new ArrayList<>();
        for (Analyte a : Analyte.values()) {
            each.add(labResult(a).injectNull(0.75));
        }
        return Combinators.combine(each).as(list -> list.stream().filter(Objects::nonNull).toList());
    }

    /**
     * A result in any unit the validator accepts for the analyte: mostly between the analyte's critical limits (low
     * and normal values, and the reference limit itself), sometimes anywhere from 30% of the reference limit to 120%
     * of the critical high limit, so that critical values occur without making most requests critical.
     */
    static Arbitrary<LabResult> labResult(Analyte analyte) {
        Set<LabUnit> units = EnumSet.of(LabUnit.MMOL_PER_L, LabUnit.MEQ_PER_L);
        if (analyte == Analyte.MAGNESIUM || analyte == Analyte.CALCIUM) {
            units.add(LabUnit.MG_PER_DL);
        }
        BigDecimal lower = analyte.lowerLimitMmolPerL();
        Arbitrary<BigDecimal> mmolPerL = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.bigDecimals().between(analyte.criticalLowMmolPerL(),
                        analyte.criticalHighMmolPerL()).ofScale(3).shrinkTowards(lower)),
                Tuple.of(1, Arbitraries.bigDecimals().between(lower.multiply(new BigDecimal("0.3")),
                        analyte.criticalHighMmolPerL().multiply(new BigDecimal("1.2"))).ofScale(3)
                        .shrinkTowards(lower)));
        return Combinators.combine(Arbitraries.of(units), mmolPerL).as((unit, value) -> LabResult.builder()
                .analyte(analyte).unit(unit).value(inUnit(analyte, value, unit)).build());
    }

    private static BigDecimal inUnit(Analyte analyte, BigDecimal mmolPerL, LabUnit unit) {
        BigDecimal v = switch (unit) {
            case MMOL_PER_L -> mmolPerL;
            case MEQ_PER_L -> mmolPerL.multiply(BigDecimal.valueOf(analyte.charge()));
            case MG_PER_DL -> mmolPerL.multiply(analyte.molarMass()).divide(BigDecimal.TEN, MathContext.DECIMAL64);
        };
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    static Arbitrary<Twitch> twitches() {
        Arbitrary<Integer> durations = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 120)),
                Tuple.of(1, Arbitraries.integers().between(0, RequestValidator.MAX_DURATION_DAYS))).injectNull(0.2);
        // UNKNOWN is one constant among the others: about one request in four has an unknown course or site
        return Combinators.combine(Arbitraries.of(BodySite.class), Arbitraries.of(Visibility.class).injectNull(0.3),
                Arbitraries.of(Course.class), Arbitraries.of(false, true), durations, Arbitraries.of(SelfCare.class),
                Arbitraries.subsetOf(Symptom.values()))
                .as((site, visibility, course, beforeSleep, days, selfCare, symptoms) -> Twitch.builder()
                        .id("t")
                        .site(site)
                        .visibility(visibility)
                        .course(course)
                        .beforeSleep(beforeSleep)
                        .durationDays(days)
                        .selfCare(selfCare)
                        .symptoms(symptoms)
                        .build());
    }
}
