package org.twitchtriage.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.twitchtriage.authoring.html.RuleCatalogueHtml;
import org.twitchtriage.examples.docs.GenerateKnowledgeDocs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code twitch-triage catalogue [--out FILE] [--rules DIR]}: writes the rule catalogue as one self-contained HTML
 * page ({@link RuleCatalogueHtml}) for clinical review, to standard output or to a file. By default it reads the
 * rule files of the knowledge base on the class path (the {@code triage-rules} kjar the engine runs), so the page
 * shows exactly the rules in use; {@code --rules DIR} reads a folder of rule files instead, for example the rules
 * being edited in a checkout. A folder or output file that cannot be used is invalid input (exit code
 * {@value TriageCommand#EXIT_INVALID_INPUT}).
 */
@Command(name = "catalogue",
        description = "Write the rule catalogue as one self-contained HTML page for review: the rules by body site "
                + "in their authors' words, with their guideline passages, conclusions and a diagram per topic.")
public final class CatalogueCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the page to FILE (folders are created) instead of standard output.")
    Path out;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Read the rule files below DIR (for example triage-rules/src/main/resources) instead of "
                    + "the knowledge base on the class path.")
    Path rules;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws IOException {
        RuleCatalogueHtml catalogue = rules == null ? fromClassPath() : fromFolder(rules);
        String page = catalogue.render();
        PrintWriter stdout = spec.commandLine().getOut();
        if (out == null) {
            stdout.print(page);
        } else {
            write(page, out);
            int count = catalogue.groups().stream().mapToInt(g -> g.rules().size()).sum();
            stdout.println("Wrote the rule catalogue (" + count + " rules) to " + out);
        }
        stdout.flush();
        return TriageCommand.EXIT_DECIDED;
    }

    private RuleCatalogueHtml fromFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--rules: not a folder: " + folder);
        }
        try {
            return GenerateKnowledgeDocs.htmlCatalogue(folder);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "--rules: cannot read the rules below " + folder + ": "
                    + e.getMessage());
        }
    }

    /** Reads the rule files from the kjar (or the rules folder of a class-path directory) holding the rules. */
    private static RuleCatalogueHtml fromClassPath() throws IOException {
        URL marker = CatalogueCommand.class.getClassLoader().getResource(GenerateKnowledgeDocs.DESCRIPTIVE);
        if (marker == null) {
            throw new IllegalStateException("the knowledge base (triage-rules) is not on the class path: no "
                    + GenerateKnowledgeDocs.DESCRIPTIVE);
        }
        URI uri;
        try {
            uri = marker.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the knowledge base at " + marker, e);
        }
        if ("jar".equals(uri.getScheme())) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return GenerateKnowledgeDocs.htmlCatalogue(jar.getPath("/"));
            } catch (FileSystemAlreadyExistsException e) {
                return GenerateKnowledgeDocs.htmlCatalogue(FileSystems.getFileSystem(uri).getPath("/"));
            }
        }
        Path root = Path.of(uri);
        for (int i = 0; i < Path.of(GenerateKnowledgeDocs.DESCRIPTIVE).getNameCount(); i++) {
            root = root.getParent();
        }
        return GenerateKnowledgeDocs.htmlCatalogue(root);
    }

    private void write(String page, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out: cannot write " + file + ": " + e);
        }
    }
}
