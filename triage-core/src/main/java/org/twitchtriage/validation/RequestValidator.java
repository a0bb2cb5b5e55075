package org.twitchtriage.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.ReferenceRange;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.Sex;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * Validates a request and returns every violation. Stateless and thread-safe.
 *
 * <p>Checks: required values present; age within {@value #MAX_AGE} years; pregnancy plausible for sex and age;
 * twitch ids present and unique; each twitch has a body site and a course; duration not negative; lab values
 * positive and within {@link Limits#decimalProblem bounds}, in a unit that suits the analyte, one per analyte; ids,
 * the reference and the lists within {@link Limits}. No message quotes an id or the reference.
 */
public final class RequestValidator {
    /** Highest accepted age in years. */
    public static final int MAX_AGE = 130;
    /** Youngest and oldest age at which a stated pregnancy is accepted as plausible. */
    public static final int MIN_PREGNANCY_AGE = 10;
    public static final int MAX_PREGNANCY_AGE = 60;
    /** Longest accepted twitch duration, in days (about 50 years). */
    public static final int MAX_DURATION_DAYS = 20_000;
    /** Largest number of twitches one request may carry. */
    public static final int MAX_TWITCHES = Limits.MAX_TWITCHES;

    private static final Set<Analyte> MG_PER_DL_OK = EnumSet.of(Analyte.MAGNESIUM, Analyte.CALCIUM);

    /**
     * @param request the request, possibly {@code null}
     * @return all violations; empty when the request is valid
     */
    public List<Violation> validate(TriageRequest request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("request", "is missing"));
            return out;
        }
        validatePatient(request.getPatient(), out);
        validateTwitches(request.getTwitches(), out);
        return out;
    }

    /**
     * @param request the request
     * @throws InvalidRequestException listing every violation, when there is at least one
     */
    public void requireValid(TriageRequest request) {
        List<Violation> violations = validate(request);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private void validatePatient(Patient p, List<Violation> out) {
        if (p == null) {
            out.add(new Violation("patient", "is missing"));
            return;
        }
        if (p.getReference() == null || p.getReference().isBlank()) {
            out.add(new Violation("patient.reference", "is missing (a pseudonymous reference is required)"));
        } else if (Limits.idTooLong(p.getReference())) {
            out.add(new Violation("patient.reference", Limits.idTooLongMessage()));
        }
        Integer age = p.getAgeYears();
        if (age == null) {
            out.add(new Violation("patient.ageYears", "is missing"));
        } else if (age < 0 || age > MAX_AGE) {
            out.add(new Violation("patient.ageYears", "must be between 0 and " + MAX_AGE + ", was " + age));
        }
        if (p.getSex() == null) {
            out.add(new Violation("patient.sex", "is missing (use UNKNOWN when not known)"));
        }
        if (p.isPregnant()) {
            if (p.getSex() == Sex.MALE) {
                out.add(new Violation("patient.pregnant", "pregnancy is stated for a male patient"));
            }
            if (age != null && age >= 0 && age <= MAX_AGE && (age < MIN_PREGNANCY_AGE || age > MAX_PREGNANCY_AGE)) {
                out.add(new Violation("patient.pregnant", "pregnancy is implausible at age " + age
                        + " (accepted " + MIN_PREGNANCY_AGE + " to " + MAX_PREGNANCY_AGE + ")"));
            }
        }
        Map<Analyte, Integer> seen = new HashMap<>();
        List<LabResult> labs = p.getLabResults();
        if (labs.size() > Limits.MAX_LAB_RESULTS) {
            out.add(new Violation("patient.labResults", "at most " + Limits.MAX_LAB_RESULTS + " lab results, was "
                    + labs.size()));
            return;
        }
        for (int i = 0; i < labs.size(); i++) {
            String field = "patient.labResults[" + i + "]";
            LabResult lab = labs.get(i);
            if (lab == null) {
                out.add(new Violation(field, "is missing"));
                continue;
            }
            BigDecimal value = lab.getValue();
            Optional<String> unbounded = Limits.decimalProblem(value);
            if (unbounded.isPresent()) {
                out.add(new Violation(field + ".value", unbounded.get()));
            } else if (value.compareTo(BigDecimal.ZERO) <= 0) {
                out.add(new Violation(field + ".value", "must be greater than 0, was " + value.toPlainString()));
            }
            validateRange(lab, field, out);
            if (!accepts(lab.getAnalyte(), lab.getUnit())) {
                out.add(new Violation(field + ".unit", "mg/dL is not accepted for " + lab.getAnalyte()
                        + "; use mmol/L or mEq/L"));
            }
            Integer first = seen.putIfAbsent(lab.getAnalyte(), i);
            if (first != null) {
                out.add(new Violation(field + ".analyte", lab.getAnalyte() + " is given twice (also at index "
                        + first + ")"));
            }
        }
    }

    /**
     * @param analyte what was measured
     * @param unit    the unit it is given in
     * @return whether a request may give the analyte in this unit (mg/dL only for magnesium and calcium)
     */
    public static boolean accepts(Analyte analyte, LabUnit unit) {
        return unit != LabUnit.MG_PER_DL || MG_PER_DL_OK.contains(analyte);
    }

    /** The laboratory's own limits: each bounded and above 0, the lower not above the upper. */
    private static void validateRange(LabResult lab, String field, List<Violation> out) {
        ReferenceRange range = lab.getReferenceRange();
        BigDecimal low = range.low().orElse(null);
        BigDecimal high = range.high().orElse(null);
        boolean lowOk = low == null || limitOk(low, field + ".referenceLow", out);
        boolean highOk = high == null || limitOk(high, field + ".referenceHigh", out);
        if (lowOk && highOk && low != null && high != null && low.compareTo(high) > 0) {
            out.add(new Violation(field + ".referenceHigh", "must not be below referenceLow ("
                    + high.toPlainString() + " < " + low.toPlainString() + ")"));
        }
    }

    private static boolean limitOk(BigDecimal limit, String field, List<Violation> out) {
        Optional<String> unbounded = Limits.decimalProblem(limit);
        if (unbounded.isPresent()) {
            out.add(new Violation(field, unbounded.get()));
            return false;
        }
        if (limit.compareTo(BigDecimal.ZERO) <= 0) {
            out.add(new Violation(field, "must be greater than 0, was " + limit.toPlainString()));
            return false;
        }
        return true;
    }

    private void validateTwitches(List<Twitch> twitches, List<Violation> out) {
        if (twitches.isEmpty()) {
            out.add(new Violation("twitches", "at least one twitch is required"));
            return;
        }
        if (twitches.size() > MAX_TWITCHES) {
            out.add(new Violation("twitches", "at most " + MAX_TWITCHES + " twitches per request, was "
                    + twitches.size()));
            return;
        }
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < twitches.size(); i++) {
            String field = "twitches[" + i + "]";
            Twitch t = twitches.get(i);
            if (t == null) {
                out.add(new Violation(field, "is missing"));
                continue;
            }
            if (t.getId() == null || t.getId().isBlank()) {
                out.add(new Violation(field + ".id", "is missing"));
            } else if (Limits.idTooLong(t.getId())) {
                out.add(new Violation(field + ".id", Limits.idTooLongMessage()));
            } else {
                Integer first = ids.putIfAbsent(t.getId(), i);
                if (first != null) {
                    out.add(new Violation(field + ".id", "duplicate twitch id (also used by twitches["
                            + first + "])"));
                }
            }
            if (t.getSite() == null) {
                out.add(new Violation(field + ".site", "is missing (the body site of the twitch is required; UNKNOWN when the record "
                        + "does not say)"));
            }
            if (t.getCourse() == null) {
                out.add(new Violation(field + ".course", "is missing (NEW, PERSISTING, INCREASING, IMPROVING, or "
                        + "UNKNOWN when the record does not say)"));
            }
            if (t.getSelfCare() == null) {
                out.add(new Violation(field + ".selfCare", "is missing"));
            }
            Integer days = t.getDurationDays();
            if (days != null && (days < 0 || days > MAX_DURATION_DAYS)) {
                out.add(new Violation(field + ".durationDays", "must be between 0 and " + MAX_DURATION_DAYS
                        + ", was " + days));
            }
        }
    }
}
