package org.twitchtriage.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * How {@link TriageCommand#commandLine(TriageCommand, String...)} sets up picocli for one run: only the subcommand
 * the arguments name, so that a run does not reflect over the others; every subcommand when the arguments name none
 * (help, usage, suggestions for a mistyped name). The other command tests run through it ({@link CliRun}).
 */
class TriageCommandLineTest {
    private static List<String> names() {
        return TriageCommand.SUBCOMMANDS.stream().map(c -> c.getAnnotation(Command.class).name()).toList();
    }

    @Test
    @DisplayName("a run of one command sets up that command only")
    void namedCommand_isTheOnlyOneSetUp() {
        CommandLine cl = TriageCommand.commandLine(new TriageCommand(), "evaluate", "case.json");

        assertThat(cl.getSubcommands().keySet()).containsExactly("evaluate");
    }

    @Test
    @DisplayName("help, options first, no command or a mistyped one set up every command, in the usage's order")
    void noCommandNamed_setsUpEveryCommand() {
        for (String[] args : List.of(new String[] {"help", "evaluate"}, new String[] {"--verbose", "evaluate"},
                new String[0], new String[] {"evaluat"})) {
            CommandLine cl = TriageCommand.commandLine(new TriageCommand(), args);

            assertThat(cl.getSubcommands().keySet()).as(String.join(" ", args))
                    .containsExactlyElementsOf(names()).hasSize(10);
        }
        assertThat(TriageCommand.commandLine(new TriageCommand()).getSubcommands().keySet())
                .containsExactlyElementsOf(names());
    }

    @Test
    @DisplayName("the root's --verbose reaches a command set up alone")
    void verbose_isInheritedByACommandSetUpAlone() {
        CommandLine cl = TriageCommand.commandLine(new TriageCommand(), "evaluate", "x.json", "--verbose");

        assertThat(cl.getSubcommands().get("evaluate").getCommandSpec().findOption("--verbose")).isNotNull();
    }
}
