package org.twitchtriage.fhir.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.FhirRequestMapper;
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.fhir.internal.Issues.Where;

/**
 * Reads pregnancy: a pregnancy status {@code Observation} ({@code valueCodeableConcept} mapped to PREGNANCY) or a
 * {@code Condition} whose code maps to PREGNANCY. A statement dated more than
 * {@link FhirRequestMapper#PREGNANCY_CURRENT_DAYS} days before the evaluation date is not current and is not used; of
 * the current statements the latest wins; an undated statement counts only when no dated current one exists.
 * Unknown reads as not pregnant; pregnant and not pregnant on the same latest date read as not pregnant, reported as
 * not read. Not thread-safe; one instance per mapping.
 */
final class PregnancyReader {
    /** One statement: PREGNANT, NOT_PREGNANT or UNKNOWN, where it was made, and its date ({@code null}: undated). */
    private record Statement(String value, Where where, LocalDate date) {
    }

    private final ReadContext ctx;
    private final List<Statement> statements = new ArrayList<>();

    PregnancyReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Records a Condition whose code maps to a pregnancy value, dated by its onset, else its recorded date. */
    void stated(String value, Located l, Condition c) {
        LocalDate date = null;
        if (c.hasOnsetDateTimeType()) {
            date = date(l, c.getOnsetDateTimeType(), ".onsetDateTime");
        } else if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStartElement()) {
            date = date(l, c.getOnsetPeriod().getStartElement(), ".onsetPeriod.start");
        } else if (c.hasRecordedDateElement() && c.getRecordedDateElement().hasValue()) {
            date = date(l, c.getRecordedDateElement(), ".recordedDate");
        }
        statements.add(new Statement(value, l.at(".code"), date));
    }

    /** Reads a pregnancy status Observation's value, dated by its effective time, else the time it was issued. */
    void read(Located l, Observation o) {
        if (!o.hasValue()) {
            notRead(l.at(".value"), IssueType.REQUIRED, "the pregnancy status has no value");
            return;
        }
        if (!(o.getValue() instanceof CodeableConcept cc)) {
            notRead(l.at(".value"), IssueType.VALUE, "the pregnancy status must be a valueCodeableConcept");
            return;
        }
        LocalDate date = null;
        if (o.hasEffectiveDateTimeType()) {
            date = date(l, o.getEffectiveDateTimeType(), ".effectiveDateTime");
        } else if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            date = date(l, o.getEffectivePeriod().getStartElement(), ".effectivePeriod.start");
        } else if (o.hasIssuedElement() && o.getIssuedElement().hasValue()) {
            date = date(l, o.getIssuedElement(), ".issued");
        }
        LocalDate dated = date;
        ctx.codes().require(l, cc, ".valueCodeableConcept", ConceptTarget.PREGNANCY, "the pregnancy status",
                NotRead.Part.PREGNANCY_STATUS).ifPresent(e -> statements.add(new Statement(e.value(),
                        l.at(".valueCodeableConcept"), dated)));
    }

    private LocalDate date(Located l, BaseDateTimeType t, String path) {
        return ctx.dates().startDate(l, t, path);
    }

    /** @return whether the bundle states, currently, that the patient is pregnant; reports what is not used */
    boolean pregnant() {
        LocalDate today = ctx.dates().evaluationDate();
        List<Statement> current = new ArrayList<>();
        for (Statement s : statements) {
            long age = s.date() == null ? 0 : ChronoUnit.DAYS.between(s.date(), today);
            if (age > FhirRequestMapper.PREGNANCY_CURRENT_DAYS) {
                ctx.issues().information(s.where(), "the pregnancy status is dated " + s.date() + ", more than "
                        + FhirRequestMapper.PREGNANCY_CURRENT_DAYS + " days before the evaluation date; not current, "
                        + "not used");
            } else if (s.date() != null && s.date().isAfter(today)) {
                ctx.issues().information(s.where(), "the pregnancy status is dated after the evaluation date; not "
                        + "used");
            } else {
                current.add(s);
            }
        }
        List<Statement> latest = latest(current);
        boolean pregnant = latest.stream().anyMatch(s -> "PREGNANT".equals(s.value()));
        boolean notPregnant = latest.stream().anyMatch(s -> "NOT_PREGNANT".equals(s.value()));
        for (Statement s : current) {
            if (!latest.contains(s)) {
                ctx.issues().information(s.where(), "an earlier or undated pregnancy status; the latest one is used");
            } else if (!"PREGNANT".equals(s.value()) && !"NOT_PREGNANT".equals(s.value())) {
                ctx.issues().information(s.where(), "the pregnancy status is unknown; read as not pregnant");
            }
        }
        if (pregnant && notPregnant) {
            Where where = latest.stream().filter(s -> "NOT_PREGNANT".equals(s.value())).findFirst().orElseThrow()
                    .where();
            notRead(where, IssueType.BUSINESSRULE, "the latest statements say both pregnant and not pregnant; read as "
                    + "not pregnant");
            return false;
        }
        if (pregnant) {
            ctx.modelLocations().put("patient.pregnant", latest.stream().filter(s -> "PREGNANT".equals(s.value()))
                    .findFirst().orElseThrow().where());
        }
        return pregnant;
    }

    /** @return the statements of the latest date; the undated ones only when none is dated */
    private static List<Statement> latest(List<Statement> current) {
        LocalDate newest = current.stream().map(Statement::date).filter(d -> d != null)
                .max(Comparator.naturalOrder()).orElse(null);
        return current.stream().filter(s -> newest == null ? s.date() == null : newest.equals(s.date())).toList();
    }

    private void notRead(Where where, IssueType type, String message) {
        ctx.issues().notRead(NotRead.Part.PREGNANCY_STATUS, type, where, message);
    }
}
