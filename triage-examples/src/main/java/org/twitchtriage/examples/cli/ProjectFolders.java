package org.twitchtriage.examples.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;

/**
 * Where the project keeps its rules and scenarios, for commands run without naming a folder: below the working
 * directory when it is the repository root, otherwise below the checkout the command line was built in. Stateless.
 */
final class ProjectFolders {
    /** The rules folder, relative to the repository root. */
    static final String RULES = "triage-rules/src/main/resources";
    /** The scenario folder, relative to the repository root. */
    static final String SCENARIOS = "triage-examples/scenarios";

    private ProjectFolders() {
    }

    /**
     * @param relative a folder relative to the repository root
     * @return the folder below the working directory if it is there, else below the checkout that holds this
     *         command line's classes
     * @throws CaseFileException when neither has it
     */
    static Path find(String relative) {
        Path here = Path.of(relative);
        if (Files.isDirectory(here)) {
            return here;
        }
        for (Path dir = codeLocation(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new CaseFileException("no folder given, and " + relative + " is neither below the working directory "
                + "nor below the checkout of this command; name the folder", List.of());
    }

    private static Path codeLocation() {
        CodeSource source = ProjectFolders.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
