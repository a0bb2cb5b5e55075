package org.twitchtriage.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.twitchtriage.engine.TriageDecision;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;

/**
 * The FHIR output of every bundled case ({@code triage-examples/cases}) and of every FHIR test bundle that maps to a
 * request: what the output tests validate and inspect.
 */
final class OutputCases {
    /** The bundled cases, relative to this module (surefire runs in the module's folder). */
    static final Path CASES = Path.of("..", "triage-examples", "cases");
    /** The FHIR test bundles that map to a request ({@code unmappable-code.json} does not). */
    static final List<String> BUNDLES = List.of("pregnant-calf.json", "whole-body-increasing-paralysis.json");

    private static TriageEngine engine;

    private OutputCases() {
    }

    /** One output: where it came from, the decision and the FHIR Bundle written for it. */
    record Output(String name, TriageDecision decision, Bundle bundle, String patientReference) {
        @Override
        public String toString() {
            return name;
        }
    }

    static synchronized TriageEngine engine() {
        if (engine == null) {
            engine = TriageEngine.create();
        }
        return engine;
    }

    /** @return the file names of the bundled cases, sorted */
    static List<String> caseNames() {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A bundled case written as FHIR; each twitch is linked to a {@code Condition} named after its id, as the FHIR
     * adapter does for twitches it read from Conditions.
     */
    static Output ofCase(String fileName) {
        try {
            TriageRequest request = new RequestReader().read(CASES.resolve(fileName));
            TriageDecision decision = engine().evaluate(request);
            Map<String, Reference> sources = new LinkedHashMap<>();
            for (Twitch t : request.getTwitches()) {
                sources.put(t.getId(), new Reference("Condition/" + t.getId()));
            }
            String patient = request.getPatient().getReference();
            Bundle out = mapper().toFhir(decision, new Reference("Patient/" + patient), sources);
            return new Output("case " + fileName, decision, out, patient);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A FHIR test bundle mapped, decided and written as FHIR. */
    static Output ofBundle(String fileName) {
        RequestMappingResult mapped = new FhirRequestMapper().map(Fhir.bundle(fileName), Fhir.EVALUATION_DATE);
        TriageDecision decision = engine().evaluate(mapped.requireRequest());
        String patient = mapped.requireRequest().getPatient().getReference();
        Bundle out = mapper().toFhir(decision, new Reference("Patient/" + patient), mapped.twitchSources());
        return new Output("bundle " + fileName, decision, out, patient);
    }

    /** @return the outputs of every case and every test bundle */
    static List<Output> all() {
        return Stream.concat(caseNames().stream().map(OutputCases::ofCase), BUNDLES.stream().map(OutputCases::ofBundle))
                .toList();
    }

    private static FhirDecisionMapper mapper() {
        AtomicLong n = new AtomicLong();
        return new FhirDecisionMapper(TriageConceptMap.defaults(),
                () -> new UUID(0x7a1e0000_0000_4000L, 0x8000_0000_0000_0000L | n.incrementAndGet()));
    }
}
