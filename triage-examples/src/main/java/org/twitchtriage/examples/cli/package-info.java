/**
 * The {@code twitch-triage} command line, built on picocli: {@link org.twitchtriage.examples.cli.TriageCommand} is the
 * root command (main class of {@code twitch-triage.jar}) and {@link org.twitchtriage.examples.cli.EvaluateCommand}
 * its first subcommand. Results go to standard output; problems, and the few log lines that pass the WARN threshold,
 * go to standard error. Nothing here prints the patient's reference.
 */
package org.twitchtriage.examples.cli;
