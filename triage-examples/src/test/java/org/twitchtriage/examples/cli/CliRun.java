package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the command line in the test's JVM, with what it printed: the command tests share this instead of each
 * wiring picocli's writers again.
 *
 * @param exitCode the exit code
 * @param out      what was printed on standard output
 * @param err      what was printed on standard error
 */
record CliRun(int exitCode, String out, String err) {

    /** @return the run of {@code command} with {@code args}, set up as {@code main} sets it up for them */
    static CliRun of(TriageCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = TriageCommand.commandLine(command, args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exitCode = cl.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
