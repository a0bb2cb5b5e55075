package org.twitchtriage.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import org.twitchtriage.fhir.TriageFhir;
import org.twitchtriage.model.BodySite;
import org.twitchtriage.model.Course;
import org.twitchtriage.model.Symptom;

/**
 * Writes a seeded synthetic population as a FHIR Bulk Data export: {@code Patient.ndjson}, {@code Condition.ndjson}
 * and {@code Observation.ndjson}, resources in no patient order (shuffled within blocks of {@value #BLOCK}
 * patients, ids random), so that scale can be tested without real patient data. Nothing here is a real person.
 *
 * <p>The mix: children (about 6%), adults and the very old; one to three twitches per patient at every body site,
 * with course, visibility, self-care, falling-asleep and onset; accompanying symptoms (red flags such as paralysis or
 * numbness in about 4% of twitches); pregnancy status for some women of child-bearing age; serum magnesium, sodium,
 * potassium and calcium results; stress and tiredness. At {@code badRate} a patient gets one bad resource: a line
 * that is not JSON, a twitch with an unknown body-site code or without its course, a lab in an unsupported unit, or
 * a Condition that names no patient.
 *
 * <p>Equal seeds, dates and sizes give byte-identical files; each patient depends only on the seed and its number,
 * and memory holds one block. Immutable and thread-safe.
 */
public final class PopulationGenerator {
    /** Patients whose resources are shuffled together. */
    public static final int BLOCK = 1024;

    private final long seed;
    private final double badRate;
    private final LocalDate date;

    /**
     * @param seed    the seed
     * @param badRate share of patients with one bad resource, 0 to 1
     * @param date    the date ages and onsets are relative to (screen with the same evaluation date)
     */
    public PopulationGenerator(long seed, double badRate, LocalDate date) {
        if (!(badRate >= 0 && badRate <= 1)) {
            throw new IllegalArgumentException("badRate must be between 0 and 1");
        }
        this.seed = seed;
        this.badRate = badRate;
        this.date = Objects.requireNonNull(date, "date");
    }

    /**
     * Writes {@code patients} patients into the folder (created when missing; the three files are replaced).
     *
     * @param folder   the export folder
     * @param patients how many patients
     * @throws IOException when writing fails
     */
    public void write(Path folder, long patients) throws IOException {
        Files.createDirectories(folder);
        try (Writer p = writer(folder, "Patient"); Writer c = writer(folder, "Condition");
             Writer o = writer(folder, "Observation")) {
            for (long start = 0; start < patients; start += BLOCK) {
                List<String> pats = new ArrayList<>();
                List<String> conds = new ArrayList<>();
                List<String> obs = new ArrayList<>();
                for (long i = start; i < Math.min(patients, start + BLOCK); i++) {
                    patient(i, pats, conds, obs);
                }
                Random shuffle = new Random(mix(seed ^ start));
                Collections.shuffle(pats, shuffle);
                Collections.shuffle(conds, shuffle);
                Collections.shuffle(obs, shuffle);
                for (String s : pats) {
                    p.write(s);
                    p.write('\n');
                }
                for (String s : conds) {
                    c.write(s);
                    c.write('\n');
                }
                for (String s : obs) {
                    o.write(s);
                    o.write('\n');
                }
            }
        }
    }

    private static Writer writer(Path folder, String type) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(folder.resolve(type + ".ndjson"), StandardCharsets.UTF_8),
                1 << 16);
    }

    /** @return the id of patient number {@code i}: unique (the mix is a bijection), in no order */
    public String patientId(long i) {
        return String.format("%016x", mix(seed * 0x9E3779B97F4A7C15L + i));
    }

    private void patient(long i, List<String> pats, List<String> conds, List<String> obs) {
        SplittableRandom r = new SplittableRandom(mix(seed ^ mix(i)));
        String id = patientId(i);
        // resource ids are not derived from the patient's, as in a real export
        String rid = String.format("%016x", mix(seed * 31 + i + 0x5DEECE66DL));
        String subject = "Patient/" + id;
        double band = r.nextDouble();
        int age = band < 0.06 ? r.nextInt(2, 16) : band < 0.92 ? r.nextInt(16, 80) : r.nextInt(80, 100);
        double g = r.nextDouble();
        String gender = g < 0.5 ? "female" : g < 0.98 ? "male" : g < 0.99 ? "other" : "unknown";
        ObjectNode patient = node("Patient", id);
        patient.put("gender", gender).put("birthDate", date.minusYears(age).minusDays(r.nextInt(0, 365)).toString());
        pats.add(patient.toString());
        int bad = r.nextDouble() < badRate ? r.nextInt(5) : -1;
        int twitches = r.nextDouble() < 0.8 ? 1 : r.nextDouble() < 0.85 ? 2 : 3;
        for (int t = 0; t < twitches; t++) {
            ObjectNode c = twitch(r, rid + "-t" + t, subject, t == 0 ? bad : -1);
            conds.add(t == 0 && bad == 0 ? c.toString().substring(0, c.toString().length() / 2) : c.toString());
        }
        if ("female".equals(gender) && age >= 16 && age <= 45 && r.nextDouble() < 0.25) {
            ObjectNode preg = observation(rid + "-preg", subject, "http://loinc.org", "82810-3");
            boolean pregnant = r.nextDouble() < 0.5;
            preg.putObject("valueCodeableConcept").putArray("coding").addObject().put("system", "http://loinc.org")
                    .put("code", pregnant ? "LA15173-0" : "LA26683-5");
            obs.add(preg.toString());
        }
        if (r.nextDouble() < 0.25 || bad == 3) {
            double mg = 0.45 + r.nextDouble() * 0.65;
            obs.add(lab(rid + "-mg", subject, "2601-3", round(mg), bad == 3 ? "g/L" : "mmol/L").toString());
        }
        if (r.nextDouble() < 0.08) {
            obs.add(lab(rid + "-na", subject, "2951-2", round(128 + r.nextDouble() * 20), "mmol/L").toString());
        }
        if (r.nextDouble() < 0.06) {
            obs.add(lab(rid + "-k", subject, "2823-3", round(3.0 + r.nextDouble() * 2.4), "mmol/L").toString());
        }
        if (r.nextDouble() < 0.05) {
            obs.add(lab(rid + "-ca", subject, "17861-6", round(7.8 + r.nextDouble() * 3), "mg/dL").toString());
        }
        if (r.nextDouble() < 0.2) {
            ObjectNode stress = node("Condition", rid + "-cause");
            stress.putObject("code").putArray("coding").addObject().put("system", "http://snomed.info/sct")
                    .put("code", r.nextBoolean() ? "73595000" : "84229001");
            stress.putObject("subject").put("reference", bad == 4 ? "Group/unknown" : subject);
            conds.add(stress.toString());
        } else if (bad == 4) {
            ObjectNode orphan = node("Condition", rid + "-orphan");
            orphan.putObject("code").putArray("coding").addObject().put("system", "http://snomed.info/sct")
                    .put("code", "73595000");
            conds.add(orphan.toString());
        }
    }

    private ObjectNode twitch(SplittableRandom r, String id, String subject, int bad) {
        ObjectNode c = node("Condition", id);
        ArrayNode ext = c.putArray("extension");
        Course[] courses = Course.values();
        if (bad != 2) {
            extension(ext, TriageFhir.EXT_COURSE, TriageFhir.COURSE_SYSTEM, courses[r.nextInt(courses.length)].name());
        }
        if (r.nextDouble() < 0.3) {
            extension(ext, TriageFhir.EXT_VISIBILITY, TriageFhir.VISIBILITY_SYSTEM, "UNDER_SKIN");
        }
        if (r.nextDouble() < 0.3) {
            extension(ext, TriageFhir.EXT_SELF_CARE, TriageFhir.SELF_CARE_SYSTEM,
                    r.nextBoolean() ? "HELPED" : "NOT_TRIED");
        }
        if (r.nextDouble() < 0.1) {
            ext.addObject().put("url", TriageFhir.EXT_BEFORE_SLEEP).put("valueBoolean", true);
        }
        c.putObject("clinicalStatus").putArray("coding").addObject()
                .put("system", "http://terminology.hl7.org/CodeSystem/condition-clinical").put("code", "active");
        c.putObject("code").putArray("coding").addObject().put("system", "http://hl7.org/fhir/sid/icd-10-cm")
                .put("code", "R25.3");
        BodySite[] sites = BodySite.values();
        c.putArray("bodySite").addObject().putArray("coding").addObject().put("system", TriageFhir.BODY_SITE_SYSTEM)
                .put("code", bad == 1 ? "ELBOW_OF_NOWHERE" : sites[r.nextInt(sites.length)].name());
        c.putObject("subject").put("reference", subject);
        c.put("onsetDateTime", date.minusDays(r.nextInt(0, 400)).toString());
        Symptom[] symptoms = Symptom.values();
        double s = r.nextDouble();
        int count = s < 0.7 ? 0 : s < 0.93 ? 1 : 2;
        if (count > 0) {
            ArrayNode evidence = c.putArray("evidence");
            for (int k = 0; k < count; k++) {
                evidence.addObject().putArray("code").addObject().putArray("coding").addObject()
                        .put("system", TriageFhir.SYMPTOM_SYSTEM).put("code", symptoms[r.nextInt(symptoms.length)].name());
            }
        }
        return c;
    }

    private static void extension(ArrayNode ext, String url, String system, String code) {
        ext.addObject().put("url", url).putObject("valueCodeableConcept").putArray("coding").addObject()
                .put("system", system).put("code", code);
    }

    private ObjectNode observation(String id, String subject, String system, String code) {
        ObjectNode o = node("Observation", id);
        o.put("status", "final");
        o.putObject("code").putArray("coding").addObject().put("system", system).put("code", code);
        o.putObject("subject").put("reference", subject);
        o.put("effectiveDateTime", date.minusDays(3).toString());
        return o;
    }

    private ObjectNode lab(String id, String subject, String loinc, java.math.BigDecimal value, String unit) {
        ObjectNode o = observation(id, subject, "http://loinc.org", loinc);
        o.putObject("valueQuantity").put("value", value).put("unit", unit)
                .put("system", "http://unitsofmeasure.org").put("code", unit);
        return o;
    }

    private static java.math.BigDecimal round(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static ObjectNode node(String type, String id) {
        return RecordDecider.JSON.createObjectNode().put("resourceType", type).put("id", id);
    }

    /** A 64-bit finalizer (a bijection), so ids and per-patient seeds do not collide. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
