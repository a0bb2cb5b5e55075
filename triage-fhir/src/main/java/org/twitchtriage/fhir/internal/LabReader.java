package org.twitchtriage.fhir.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.twitchtriage.fhir.ConceptMapEntry;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.validation.Limits;

/**
 * Reads serum electrolyte results: an {@code Observation} whose code maps to an ANALYTE, with a {@code valueQuantity}
 * in a UCUM unit the concept map reads; of several results for one analyte the most recent is used. Not thread-safe;
 * one instance per mapping.
 */
final class LabReader {
    /** The unit system lab results must use. */
    static final String UCUM = "http://unitsofmeasure.org";

    /** A lab result with the date it was taken. */
    private record LabDraft(Located located, LabResult result, LocalDate date) {
    }

    private final ReadContext ctx;
    private final List<LabDraft> labs = new ArrayList<>();

    LabReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Reads one result; reports what keeps it from being used. */
    void read(Located l, Observation o, Analyte analyte) {
        Issues issues = ctx.issues();
        if (!o.hasValue()) {
            issues.error(IssueType.REQUIRED, l.at(".value"), "the " + analyte.display() + " result has no value");
            return;
        }
        if (!(o.getValue() instanceof Quantity q)) {
            issues.error(IssueType.VALUE, l.at(".value"), "the " + analyte.display() + " result must be a "
                    + "valueQuantity");
            return;
        }
        BigDecimal value = q.getValue();
        if (value == null) {
            issues.error(IssueType.REQUIRED, l.at(".valueQuantity.value"), "the result has no number");
            return;
        }
        Optional<String> unbounded = Limits.decimalProblem(value);
        if (unbounded.isPresent()) {
            issues.error(IssueType.VALUE, l.at(".valueQuantity.value"), "the " + analyte.display() + " result "
                    + unbounded.get());
            return;
        }
        if (q.hasComparator()) {
            issues.error(IssueType.VALUE, l.at(".valueQuantity.comparator"), "a value with a comparator ("
                    + q.getComparator().toCode() + ") cannot be judged against the reference range");
            return;
        }
        if (q.hasSystem() && !UCUM.equals(q.getSystem())) {
            issues.error(IssueType.NOTSUPPORTED, l.at(".valueQuantity.system"), "units must be UCUM (" + UCUM
                    + "); the unit system is not supported");
            return;
        }
        Optional<LabUnit> unit = unit(l, q, analyte);
        if (unit.isEmpty()) {
            return;
        }
        LocalDate date = null;
        if (o.hasEffectiveDateTimeType()) {
            date = ctx.dates().startDate(l, o.getEffectiveDateTimeType(), ".effectiveDateTime");
        } else if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            date = ctx.dates().startDate(l, o.getEffectivePeriod().getStartElement(), ".effectivePeriod.start");
        }
        if (date != null && date.isAfter(ctx.dates().evaluationDate())) {
            issues.warning(IssueType.INFORMATIONAL, l.at(".effective"), "the result is dated after the evaluation "
                    + "date " + ctx.dates().evaluationDate() + "; not used");
            return;
        }
        labs.add(new LabDraft(l, LabResult.builder().analyte(analyte).value(value).unit(unit.get()).build(), date));
    }

    private Optional<LabUnit> unit(Located l, Quantity q, Analyte analyte) {
        String unitCode = q.hasCode() ? q.getCode() : q.getUnit();
        String unitPath = q.hasCode() ? ".valueQuantity.code" : ".valueQuantity.unit";
        if (unitCode == null || unitCode.isBlank()) {
            ctx.issues().error(IssueType.REQUIRED, l.at(".valueQuantity.code"), "the result has no unit");
            return Optional.empty();
        }
        Optional<ConceptMapEntry> unit = ctx.codes().map().translate(UCUM, unitCode, ConceptTarget.UNIT);
        if (unit.isEmpty()) {
            ctx.issues().error(IssueType.NOTSUPPORTED, l.at(unitPath), "the unit '" + unitCode + "' is not supported "
                    + "for " + analyte.display() + "; use mmol/L, mg/dL or meq/L");
            return Optional.empty();
        }
        ctx.codes().warnIfUnconfirmed(l, unitPath, unit.get());
        return Optional.of(unit.get().valueAs(LabUnit.class));
    }

    /** @return per analyte the most recent result; reports the earlier ones */
    List<LabResult> latest() {
        Map<Analyte, List<LabDraft>> byAnalyte = new EnumMap<>(Analyte.class);
        for (LabDraft d : labs) {
            byAnalyte.computeIfAbsent(d.result().getAnalyte(), k -> new ArrayList<>()).add(d);
        }
        List<LabResult> out = new ArrayList<>();
        for (List<LabDraft> drafts : byAnalyte.values()) {
            LabDraft latest = drafts.stream().max(Comparator.comparing(LabDraft::date,
                    Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
            for (LabDraft d : drafts) {
                if (d != latest) {
                    ctx.issues().information(d.located().at(""), "an earlier " + d.result().getAnalyte().display()
                            + " result; the most recent one (" + latest.located().label() + ") is used");
                }
            }
            ctx.modelLocations().put("patient.labResults[" + out.size() + "]", latest.located().at(".valueQuantity"));
            out.add(latest.result());
        }
        return out;
    }
}
