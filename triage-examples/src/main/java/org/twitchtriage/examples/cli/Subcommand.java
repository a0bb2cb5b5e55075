package org.twitchtriage.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every subcommand of {@link TriageCommand} has: its parent (for the shared engine and the values to hide from
 * output), its own specification (for the output streams) and a {@code --help} option. Picocli injects the
 * annotated fields of this superclass like those of the subcommand itself.
 */
abstract class Subcommand implements Callable<Integer> {
    @ParentCommand
    TriageCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
