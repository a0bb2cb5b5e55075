package org.twitchtriage.fhir.internal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.validation.RequestValidator;

/**
 * Reads FHIR {@code date} and {@code dateTime} values as calendar days, through HAPI's {@link BaseDateTimeType}: the
 * day as written (in the value's own time zone), and its {@link TemporalPrecisionEnum precision}: a value given only
 * to the year or month is read as its first day, with a warning. Not thread-safe; one instance per mapping.
 */
final class FhirDates {
    private final Issues issues;
    private final LocalDate evaluationDate;

    FhirDates(Issues issues, LocalDate evaluationDate) {
        this.issues = issues;
        this.evaluationDate = evaluationDate;
    }

    /** @return the date ages, durations and result dates are judged against */
    LocalDate evaluationDate() {
        return evaluationDate;
    }

    /** @return the first day of the value, or {@code null} (with an error) when it holds no valid date */
    LocalDate startDate(Located l, BaseDateTimeType t, String path) {
        if (t == null || t.getValue() == null || t.getPrecision() == null) {
            issues.error(IssueType.VALUE, l.at(path), "is not a date");
            return null;
        }
        TemporalPrecisionEnum precision = t.getPrecision();
        try {
            if (precision == TemporalPrecisionEnum.YEAR || precision == TemporalPrecisionEnum.MONTH) {
                issues.warning(IssueType.INCOMPLETE, l.at(path), "is given only to the "
                        + (precision == TemporalPrecisionEnum.MONTH ? "month" : "year") + "; read as its first day");
                return LocalDate.of(t.getYear(), precision == TemporalPrecisionEnum.MONTH ? t.getMonth() + 1 : 1, 1);
            }
            return LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay());
        } catch (DateTimeException e) {
            issues.error(IssueType.VALUE, l.at(path), "is not a valid date");
            return null;
        }
    }

    /**
     * @return whole days from an onset to the evaluation date, or {@code null} (with an error) when the onset is not
     *         a date, lies after the evaluation date or longer before it than the request allows
     */
    Integer daysSince(Located l, BaseDateTimeType onset, String path) {
        LocalDate start = startDate(l, onset, path);
        if (start == null) {
            return null;
        }
        long days = ChronoUnit.DAYS.between(start, evaluationDate);
        if (days < 0) {
            issues.error(IssueType.VALUE, l.at(path), "the onset lies after the evaluation date " + evaluationDate);
            return null;
        }
        if (days > RequestValidator.MAX_DURATION_DAYS) {
            issues.error(IssueType.VALUE, l.at(path), "the onset lies more than " + RequestValidator.MAX_DURATION_DAYS
                    + " days before the evaluation date");
            return null;
        }
        return (int) days;
    }
}
