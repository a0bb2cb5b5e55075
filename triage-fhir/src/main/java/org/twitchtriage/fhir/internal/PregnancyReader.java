package org.twitchtriage.fhir.internal;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.twitchtriage.fhir.ConceptTarget;
import org.twitchtriage.fhir.internal.Issues.Where;

/**
 * Reads pregnancy: a pregnancy status {@code Observation} ({@code valueCodeableConcept} mapped to PREGNANCY) or a
 * {@code Condition} whose code maps to PREGNANCY. Unknown reads as not pregnant; pregnant and not pregnant in one
 * bundle is an error. Not thread-safe; one instance per mapping.
 */
final class PregnancyReader {
    /** One statement: PREGNANT, NOT_PREGNANT or UNKNOWN, and where it was made. */
    private record Statement(String value, Where where) {
    }

    private final ReadContext ctx;
    private final List<Statement> statements = new ArrayList<>();

    PregnancyReader(ReadContext ctx) {
        this.ctx = ctx;
    }

    /** Records a Condition (or other coded statement) whose code maps to a pregnancy value. */
    void stated(String value, Where where) {
        statements.add(new Statement(value, where));
    }

    /** Reads a pregnancy status Observation's value. */
    void read(Located l, Observation o) {
        if (!o.hasValue()) {
            ctx.issues().error(IssueType.REQUIRED, l.at(".value"), "the pregnancy status has no value");
            return;
        }
        if (!(o.getValue() instanceof CodeableConcept cc)) {
            ctx.issues().error(IssueType.VALUE, l.at(".value"), "the pregnancy status must be a valueCodeableConcept");
            return;
        }
        ctx.codes().require(l, cc, ".valueCodeableConcept", ConceptTarget.PREGNANCY, "the pregnancy status")
                .ifPresent(e -> stated(e.value(), l.at(".valueCodeableConcept")));
    }

    /** @return whether the bundle states the patient is pregnant; reports unknown and conflicting statements */
    boolean pregnant() {
        Where pregnant = null;
        Where notPregnant = null;
        for (Statement s : statements) {
            switch (s.value()) {
                case "PREGNANT" -> pregnant = pregnant == null ? s.where() : pregnant;
                case "NOT_PREGNANT" -> notPregnant = notPregnant == null ? s.where() : notPregnant;
                default -> ctx.issues().information(s.where(), "the pregnancy status is unknown; read as not "
                        + "pregnant");
            }
        }
        if (pregnant != null && notPregnant != null) {
            ctx.issues().error(IssueType.BUSINESSRULE, notPregnant, "the bundle states both pregnant ("
                    + pregnant.readable() + ") and not pregnant; send one status");
            return false;
        }
        if (pregnant != null) {
            ctx.modelLocations().put("patient.pregnant", pregnant);
            return true;
        }
        return false;
    }
}
