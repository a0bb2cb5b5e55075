package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.twitchtriage.json.RequestReader;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.validation.InvalidRequestException;

/**
 * Reads case files for the subcommands, turning every way a file can be unusable into a {@link CaseFileException}.
 * Thread-safe.
 */
final class CaseFiles {
    private static final RequestReader READER = new RequestReader();

    private CaseFiles() {
    }

    /**
     * @param file the case file as the user named it
     * @return the valid request in it
     * @throws CaseFileException when the file is missing, unreadable or invalid
     */
    static TriageRequest read(Path file) {
        String name = "'" + file + "'";
        if (!Files.exists(file)) {
            throw new CaseFileException("case file " + name + " does not exist", List.of());
        }
        if (Files.isDirectory(file)) {
            throw new CaseFileException("case file " + name + " is a directory, not a file", List.of());
        }
        if (!Files.isRegularFile(file)) {
            // A pipe, a device or a socket can block or never end: only regular files are read.
            throw new CaseFileException("case file " + name + " is not a regular file (a pipe, device or socket "
                    + "cannot be read as a case)", List.of());
        }
        if (!Files.isReadable(file)) {
            throw new CaseFileException("case file " + name + " is not readable (check its permissions)",
                    List.of());
        }
        try {
            return READER.read(file);
        } catch (IOException e) {
            throw new CaseFileException("cannot read case file " + name + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), List.of());
        } catch (InvalidRequestException e) {
            int n = e.getViolations().size();
            throw new CaseFileException("invalid case file " + name + " (" + n + " problem" + (n == 1 ? "" : "s")
                    + "):", e.getViolations());
        }
    }
}
