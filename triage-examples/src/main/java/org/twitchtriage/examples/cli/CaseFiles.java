package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
     * The case files the user named: a file stands for itself, a folder for the {@code *.json} files directly in it
     * (not in subfolders, not hidden ones), sorted by name. Files are not checked here; {@link #read(Path)} does.
     *
     * @param named files and folders, in the order given
     * @return the case files, in that order
     * @throws CaseFileException when a folder cannot be listed or has no case file in it
     */
    static List<Path> expand(List<Path> named) {
        List<Path> out = new ArrayList<>();
        for (Path p : named) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> inFolder;
            try (Stream<Path> files = Files.list(p)) {
                inFolder = files.filter(f -> {
                    String name = f.getFileName().toString();
                    return name.endsWith(".json") && !name.startsWith(".") && !Files.isDirectory(f);
                }).sorted().toList();
            } catch (IOException e) {
                throw new CaseFileException("cannot list the case folder '" + p + "': "
                        + e.getClass().getSimpleName(), List.of());
            }
            if (inFolder.isEmpty()) {
                throw new CaseFileException("case file '" + p + "' is a directory with no case files (*.json) in "
                        + "it", List.of());
            }
            out.addAll(inFolder);
        }
        return out;
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
