package org.twitchtriage.fhir.internal;

import java.math.BigDecimal;
import java.math.MathContext;
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
import org.twitchtriage.fhir.NotRead;
import org.twitchtriage.model.Analyte;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.LabUnit;
import org.twitchtriage.model.ReferenceRange;
import org.twitchtriage.validation.Limits;
import org.twitchtriage.validation.RequestValidator;

/**
 * Reads serum electrolyte results: an {@code Observation} whose code maps to an ANALYTE, with a {@code valueQuantity}
 * in any UCUM unit of the right dimension ({@link UcumUnits}), and the laboratory's own reference range and
 * interpretation when it gave them; of several results for one analyte the most recent is used. A result that cannot
 * be read is left out and reported as not read; the others decide. Not thread-safe; one instance per mapping.
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

    /** Reads one result; what keeps it from being used is reported as not read, and the rest decides. */
    void read(Located l, Observation o, Analyte analyte) {
        Optional<Quantity> quantity = quantity(l, o, analyte);
        if (quantity.isEmpty()) {
            return;
        }
        Quantity q = quantity.get();
        Optional<Valued> valued = valued(l, q, analyte);
        if (valued.isEmpty()) {
            return;
        }
        LocalDate date = null;
        if (o.hasEffectiveDateTimeType()) {
            date = ctx.dates().startDate(l, o.getEffectiveDateTimeType(), ".effectiveDateTime");
        } else if (o.hasEffectivePeriod() && o.getEffectivePeriod().hasStartElement()) {
            date = ctx.dates().startDate(l, o.getEffectivePeriod().getStartElement(), ".effectivePeriod.start");
        }
        if (date != null && date.isAfter(ctx.dates().evaluationDate())) {
            notRead(l, ".effective", IssueType.INFORMATIONAL, "the result is dated after the evaluation date "
                    + ctx.dates().evaluationDate() + "; not used");
            return;
        }
        Valued v = valued.get();
        LabResult result = LabResult.builder().analyte(analyte).value(v.value()).unit(v.unit())
                .referenceRange(laboratoryRange(l, o, analyte, v))
                .interpretation(LabVerdicts.read(ctx.issues(), l, o))
                .build();
        labs.add(new LabDraft(l, result, date));
    }

    /** A value with the unit it is kept in, and how a reference limit is brought into that unit. */
    private record Valued(BigDecimal value, LabUnit unit, String reportedUnit, boolean converted) {
    }

    private Optional<Quantity> quantity(Located l, Observation o, Analyte analyte) {
        if (!o.hasValue()) {
            notRead(l, ".value", IssueType.REQUIRED, "the " + analyte.display() + " result has no value");
            return Optional.empty();
        }
        if (!(o.getValue() instanceof Quantity q)) {
            notRead(l, ".value", IssueType.VALUE, "the " + analyte.display() + " result must be a valueQuantity");
            return Optional.empty();
        }
        BigDecimal value = q.getValue();
        if (value == null) {
            notRead(l, ".valueQuantity.value", IssueType.REQUIRED, "the result has no number");
            return Optional.empty();
        }
        Optional<String> unbounded = Limits.decimalProblem(value);
        if (unbounded.isPresent()) {
            notRead(l, ".valueQuantity.value", IssueType.VALUE, "the " + analyte.display() + " result "
                    + unbounded.get());
            return Optional.empty();
        }
        if (q.hasComparator()) {
            notRead(l, ".valueQuantity.comparator", IssueType.VALUE, "a value with a comparator ("
                    + q.getComparator().toCode() + ") cannot be judged against the reference range");
            return Optional.empty();
        }
        if (q.hasSystem() && !UCUM.equals(q.getSystem())) {
            notRead(l, ".valueQuantity.system", IssueType.NOTSUPPORTED, "units must be UCUM (" + UCUM
                    + "); the unit system is not supported");
            return Optional.empty();
        }
        return Optional.of(q);
    }

    /**
     * The units the concept map lists (mmol/L, mg/dL, meq/L) are kept as reported where a request accepts them for the
     * analyte; any other UCUM unit of the right dimension is converted to mmol/L through {@link UcumUnits}.
     */
    private Optional<Valued> valued(Located l, Quantity q, Analyte analyte) {
        String unitCode = q.hasCode() ? q.getCode() : q.getUnit();
        String unitPath = q.hasCode() ? ".valueQuantity.code" : ".valueQuantity.unit";
        if (unitCode == null || unitCode.isBlank()) {
            notRead(l, ".valueQuantity.code", IssueType.REQUIRED, "the result has no unit");
            return Optional.empty();
        }
        Optional<ConceptMapEntry> unit = ctx.codes().map().translate(UCUM, unitCode, ConceptTarget.UNIT)
                .filter(e -> RequestValidator.accepts(analyte, e.valueAs(LabUnit.class)));
        if (unit.isPresent()) {
            ctx.codes().warnIfUnconfirmed(l, unitPath, unit.get());
            return Optional.of(new Valued(q.getValue(), unit.get().valueAs(LabUnit.class), unitCode, false));
        }
        UcumUnits.Conversion c = UcumUnits.toMmolPerL(q.getValue(), unitCode, analyte);
        if (!c.ok()) {
            notRead(l, unitPath, IssueType.NOTSUPPORTED, "the " + analyte.display() + " result is left out: "
                    + c.problem());
            return Optional.empty();
        }
        ctx.issues().information(l.at(unitPath), "the " + analyte.display() + " result was converted from '"
                + unitCode + "' to mmol/L with UCUM (a mass through the molar mass " + analyte.molarMass()
                + " g/mol, equivalents through the charge " + analyte.charge() + ")");
        return Optional.of(new Valued(c.mmolPerL(), LabUnit.MMOL_PER_L, unitCode, true));
    }

    /** @return the laboratory's reference range in the unit the value is kept in; not given when none is readable */
    private ReferenceRange laboratoryRange(Located l, Observation o, Analyte analyte, Valued v) {
        if (!o.hasReferenceRange()) {
            return ReferenceRange.NOT_GIVEN;
        }
        Observation.ObservationReferenceRangeComponent range = o.getReferenceRangeFirstRep();
        BigDecimal low = range.hasLow() ? limit(l, ".referenceRange[0].low", range.getLow(), analyte, v) : null;
        BigDecimal high = range.hasHigh() ? limit(l, ".referenceRange[0].high", range.getHigh(), analyte, v) : null;
        return ReferenceRange.of(low, high);
    }

    private BigDecimal limit(Located l, String path, Quantity limit, Analyte analyte, Valued v) {
        String unit = limit.hasCode() ? limit.getCode() : limit.hasUnit() ? limit.getUnit() : v.reportedUnit();
        BigDecimal value = limit.getValue();
        BigDecimal out = null;
        if (value != null && Limits.decimalProblem(value).isEmpty() && value.signum() > 0) {
            if (v.converted()) {
                UcumUnits.Conversion c = UcumUnits.toMmolPerL(value, unit, analyte);
                out = c.ok() ? c.mmolPerL() : null;
            } else if (unit.equals(v.reportedUnit())) {
                out = value;
            } else {
                UcumUnits.Conversion c = UcumUnits.toMmolPerL(value, unit, analyte);
                out = c.ok() ? inUnit(c.mmolPerL(), v.unit(), analyte) : null;
            }
        }
        if (out == null) {
            ctx.issues().warning(IssueType.VALUE, l.at(path), "this limit of the laboratory's reference range could "
                    + "not be read; the built-in limit is used instead");
        }
        return out;
    }

    /** @return a value in mmol/L expressed in one of the units the model keeps, as {@link LabResult} reads them */
    private static BigDecimal inUnit(BigDecimal mmolPerL, LabUnit unit, Analyte analyte) {
        return switch (unit) {
            case MMOL_PER_L -> mmolPerL;
            case MG_PER_DL -> mmolPerL.multiply(analyte.molarMass()).divide(BigDecimal.TEN, MathContext.DECIMAL64);
            case MEQ_PER_L -> mmolPerL.multiply(BigDecimal.valueOf(analyte.charge()));
        };
    }

    private void notRead(Located l, String path, IssueType type, String message) {
        ctx.issues().notRead(NotRead.Part.LAB_RESULT, type, l.at(path), message);
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
