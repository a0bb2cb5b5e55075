package org.twitchtriage.rules.properties;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.validation.RequestValidator;

/**
 * One way to make a valid request invalid, and the field the validator must then name. Applied to a generated valid
 * request, each must end in an {@code InvalidRequestException}, never in a decision or another exception.
 */
enum Breakage {
    NO_PATIENT("patient", r -> r.toBuilder().patient(null).build()),
    NO_REFERENCE("patient.reference", r -> patient(r, p -> p.toBuilder().reference(null).build())),
    BLANK_REFERENCE("patient.reference", r -> patient(r, p -> p.toBuilder().reference("  ").build())),
    NO_AGE("patient.ageYears", r -> patient(r, p -> p.toBuilder().ageYears(null).build())),
    NEGATIVE_AGE("patient.ageYears", r -> patient(r, p -> p.toBuilder().ageYears(-1).pregnant(false).build())),
    TOO_OLD("patient.ageYears", r -> patient(r, p -> p.toBuilder().ageYears(RequestValidator.MAX_AGE + 1)
            .pregnant(false).build())),
    NO_SEX("patient.sex", r -> patient(r, p -> p.toBuilder().sex(null).build())),
    PREGNANT_MALE("patient.pregnant", r -> patient(r, p -> p.toBuilder().sex(Sex.MALE).pregnant(true).build())),
    PREGNANT_TOO_YOUNG("patient.pregnant", r -> patient(r, p -> p.toBuilder().sex(Sex.FEMALE)
            .ageYears(RequestValidator.MIN_PREGNANCY_AGE - 1).pregnant(true).build())),
    PREGNANT_TOO_OLD("patient.pregnant", r -> patient(r, p -> p.toBuilder().sex(Sex.FEMALE)
            .ageYears(RequestValidator.MAX_PREGNANCY_AGE + 1).pregnant(true).build())),
    LAB_ZERO("patient.labResults[", r -> lab(r, LabResult.builder().analyte(Analyte.MAGNESIUM)
            .value(BigDecimal.ZERO).unit(LabUnit.MMOL_PER_L).build())),
    LAB_NEGATIVE("patient.labResults[", r -> lab(r, LabResult.builder().analyte(Analyte.CALCIUM)
            .value(new BigDecimal("-1.2")).unit(LabUnit.MMOL_PER_L).build())),
    SODIUM_IN_MG_PER_DL("patient.labResults[", r -> lab(r, LabResult.builder().analyte(Analyte.SODIUM)
            .value(new BigDecimal("310")).unit(LabUnit.MG_PER_DL).build())),
    LAB_TWICE("patient.labResults[", r -> lab(lab(r, LabResult.builder().analyte(Analyte.POTASSIUM)
            .value(new BigDecimal("4.1")).unit(LabUnit.MMOL_PER_L).build()), LabResult.builder()
            .analyte(Analyte.POTASSIUM).value(new BigDecimal("3.1")).unit(LabUnit.MEQ_PER_L).build())),
    NO_TWITCH("twitches", r -> r.toBuilder().clearTwitches().build()),
    TOO_MANY_TWITCHES("twitches", r -> {
        TriageRequest.TriageRequestBuilder b = r.toBuilder().clearTwitches();
        for (int i = 0; i <= RequestValidator.MAX_TWITCHES; i++) {
            b.twitch(r.getTwitches().get(0).toBuilder().id("x" + i).build());
        }
        return b.build();
    }),
    NO_TWITCH_ID("twitches[0].id", r -> first(r, t -> t.toBuilder().id(null).build())),
    DUPLICATE_TWITCH_ID("twitches[", r -> r.toBuilder().twitch(r.getTwitches().get(0)).build()),
    NO_SITE("twitches[0].site", r -> first(r, t -> t.toBuilder().site(null).build())),
    NO_COURSE("twitches[0].course", r -> first(r, t -> t.toBuilder().course(null).build())),
    NO_SELF_CARE("twitches[0].selfCare", r -> first(r, t -> t.toBuilder().selfCare(null).build())),
    NEGATIVE_DURATION("twitches[0].durationDays", r -> first(r, t -> t.toBuilder().durationDays(-1).build())),
    TOO_LONG("twitches[0].durationDays", r -> first(r, t -> t.toBuilder()
            .durationDays(RequestValidator.MAX_DURATION_DAYS + 1).build()));

    private final String field;
    private final UnaryOperator<TriageRequest> breaker;

    Breakage(String field, UnaryOperator<TriageRequest> breaker) {
        this.field = field;
        this.breaker = breaker;
    }

    /** @return the start of the field path at least one violation must name */
    String field() {
        return field;
    }

    /** @return the request, made invalid in this one way */
    TriageRequest apply(TriageRequest valid) {
        return breaker.apply(valid);
    }

    private static TriageRequest patient(TriageRequest r, UnaryOperator<Patient> change) {
        return r.toBuilder().patient(change.apply(r.getPatient())).build();
    }

    private static TriageRequest lab(TriageRequest r, LabResult extra) {
        List<LabResult> labs = new ArrayList<>(r.getPatient().getLabResults());
        labs.add(extra);
        return patient(r, p -> p.toBuilder().clearLabResults().labResults(labs).build());
    }

    private static TriageRequest first(TriageRequest r, UnaryOperator<Twitch> change) {
        List<Twitch> twitches = new ArrayList<>(r.getTwitches());
        twitches.set(0, change.apply(twitches.get(0)));
        return r.toBuilder().clearTwitches().twitches(twitches).build();
    }
}
