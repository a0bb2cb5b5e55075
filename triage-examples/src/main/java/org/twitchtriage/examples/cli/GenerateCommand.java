package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.twitchtriage.batch.PopulationGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twitch-triage generate DIR --patients N}: writes a seeded synthetic population as a FHIR Bulk Data export
 * ({@link PopulationGenerator}), for trying {@code screen} at scale without real patient data.
 */
@Command(name = "generate", description = "Write a synthetic population (no real person) as a FHIR Bulk Data export: "
        + "DIR/Patient.ndjson, DIR/Condition.ndjson, DIR/Observation.ndjson.")
public final class GenerateCommand extends Subcommand {
    @Parameters(paramLabel = "DIR", description = "The export folder to write.")
    Path folder;

    @Option(names = "--patients", required = true, paramLabel = "N", description = "How many patients.")
    long patients;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "SEED", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--bad-rate", defaultValue = "0.01", paramLabel = "RATE",
            description = "Share of patients with one bad resource, 0 to 1. Default: ${DEFAULT-VALUE}.")
    double badRate;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD",
            description = "Date ages and onsets are relative to; screen with the same --date. Default: today (UTC).")
    LocalDate date;

    @Override
    public Integer call() {
        if (patients < 0 || !(badRate >= 0 && badRate <= 1)) {
            throw new CaseFileException("--patients must be 0 or more and --bad-rate between 0 and 1", List.of());
        }
        LocalDate on = date != null ? date : LocalDate.now(ZoneOffset.UTC);
        try {
            new PopulationGenerator(seed, badRate, on).write(folder, patients);
        } catch (IOException e) {
            throw new CaseFileException("cannot write to '" + folder + "': " + e.getClass().getSimpleName(), List.of());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + patients + " synthetic patients to " + folder + " (seed " + seed + ", bad rate "
                + badRate + ", date " + on + ")");
        out.flush();
        return TriageCommand.EXIT_DECIDED;
    }
}
