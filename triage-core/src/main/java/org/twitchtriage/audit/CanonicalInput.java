package org.twitchtriage.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import org.twitchtriage.model.LabResult;
import org.twitchtriage.model.Patient;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * A request as canonical JSON in the documented input format (docs/input-format.md), <em>without</em> the patient
 * reference, so that it can be stored for replay and hashed without holding an identifier. Sets are written sorted;
 * absent optional values are left out. Stateless.
 */
public final class CanonicalInput {
    private CanonicalInput() {
    }

    /** @return the request as a JSON tree, without the patient reference */
    public static ObjectNode of(TriageRequest request) {
        ObjectNode root = CanonicalJson.MAPPER.createObjectNode();
        if (request == null) {
            return root;
        }
        Patient p = request.getPatient();
        if (p != null) {
            patient(root.putObject("patient"), p);
        }
        ArrayNode twitches = root.putArray("twitches");
        for (Twitch t : request.getTwitches()) {
            if (t != null) {
                twitch(twitches.addObject(), t);
            }
        }
        return root;
    }

    private static void patient(ObjectNode patient, Patient p) {
        if (p.getAgeYears() != null) {
            patient.put("ageYears", p.getAgeYears());
        }
        if (p.getSex() != null) {
            patient.put("sex", p.getSex().name());
        }
        patient.put("pregnant", p.isPregnant());
        names(patient.putArray("circumstances"), p.getCircumstances());
        ArrayNode labs = patient.putArray("labResults");
        for (LabResult l : p.getLabResults()) {
            if (l != null) {
                labs.addObject().put("analyte", l.getAnalyte().name()).put("value", l.getValue())
                        .put("unit", l.getUnit().name());
            }
        }
    }

    private static void twitch(ObjectNode o, Twitch t) {
        if (t.getId() != null) {
            o.put("id", t.getId());
        }
        if (t.getSite() != null) {
            o.put("site", t.getSite().name());
        }
        if (t.getVisibility() != null) {
            o.put("visibility", t.getVisibility().name());
        }
        if (t.getCourse() != null) {
            o.put("course", t.getCourse().name());
        }
        o.put("beforeSleep", t.isBeforeSleep());
        if (t.getDurationDays() != null) {
            o.put("durationDays", t.getDurationDays());
        }
        if (t.getSelfCare() != null) {
            o.put("selfCare", t.getSelfCare().name());
        }
        names(o.putArray("symptoms"), t.getSymptoms());
    }

    /** @return the SHA-256 of the canonical input (without the patient reference) */
    public static String digest(TriageRequest request) {
        return CanonicalJson.sha256(of(request));
    }

    private static void names(ArrayNode array, Collection<? extends Enum<?>> values) {
        values.stream().map(Enum::name).sorted().forEach(array::add);
    }
}
