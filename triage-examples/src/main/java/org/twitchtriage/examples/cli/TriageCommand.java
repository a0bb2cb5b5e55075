package org.twitchtriage.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import org.twitchtriage.authoring.folder.RulesFolder;
import org.twitchtriage.audit.AuditException;
import org.twitchtriage.engine.EngineOptions;
import org.twitchtriage.engine.TriageEngine;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.Violation;
import org.twitchtriage.validation.SafeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code twitch-triage} command line: the root command that holds the shared pieces (the engine, loaded once and
 * only when a subcommand needs it; {@code --verbose}; error handling and exit codes) and dispatches to subcommands.
 *
 * <p>Exit codes: {@value #EXIT_DECIDED} when the command did its work, {@value #EXIT_INVALID_INPUT} for invalid input
 * (a bad case file, a file that cannot be read, a wrong option), {@value #EXIT_INTERNAL_ERROR} for an internal error.
 * Invalid input is reported one problem per line on standard error without a stack trace; an internal error gets a
 * short message, and a stack trace only with {@code --verbose}. Standard output carries only the result.
 *
 * <p>Adding a subcommand (such as {@code explain} or {@code lint}): write a {@link Callable Callable&lt;Integer&gt;}
 * annotated with {@link Command}, reach the shared pieces through a {@link CommandLine.ParentCommand} field of this
 * type, throw {@link CaseFileException} or {@link InvalidRequestException} for bad input, and list the class in
 * {@code subcommands} below. Never print the patient's reference; pass it to {@link #hide(String)} once it is known.
 *
 * <p>One instance serves one run; not thread-safe.
 */
@Command(name = "twitch-triage",
        description = "Decision support for muscle twitching, from the rules of a patient-information guideline. "
                + "Not a diagnosis and not a medical device.",
        synopsisSubcommandLabel = "COMMAND",
        footer = {"", "Exit codes: 0 done, 2 invalid input, 1 internal error, "
                + "3 an audit log is broken or a replay found changed decisions, lint found problems, or a scenario "
                + "failed."})
public final class TriageCommand implements Callable<Integer> {
    /** Exit code when the command did its work (for {@code evaluate}: a decision was printed). */
    public static final int EXIT_DECIDED = 0;
    /** Exit code for an internal error: a bug or a broken knowledge base, not the user's input. */
    public static final int EXIT_INTERNAL_ERROR = 1;
    /** Exit code for invalid input: the case file, its content, or the command line itself. */
    public static final int EXIT_INVALID_INPUT = 2;
    /**
     * Exit code when a check fails: {@code audit verify} finds a broken log, {@code audit replay} changed decisions,
     * {@code lint} problems in the rules, {@code scenarios} a scenario whose decision differs.
     */
    public static final int EXIT_CHECK_FAILED = 3;

    /**
     * The subcommands, in the order the usage lists them. Added by {@link #commandLine(TriageCommand)} rather than
     * named in the {@link Command} annotation, so that a run of one command can leave the others out (see
     * {@link #commandLine(TriageCommand, String...)}).
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(EvaluateCommand.class, ExplainCommand.class,
            AuditCommand.class, CatalogueCommand.class, LintCommand.class, ScenariosCommand.class, ScreenCommand.class,
            GenerateCommand.class, ReplayCommand.class, CommandLine.HelpCommand.class);

    private static final String NAME = "twitch-triage";
    private static final String HIDDEN = "<patient reference>";

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On an internal error, also print the stack trace.")
    boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<TriageEngine> engineFactory;
    private final Function<Path, TriageEngine> folderEngines;
    private Map<String, String> environment = System.getenv();
    private final Set<String> hidden = new LinkedHashSet<>();
    private final Map<Path, TriageEngine> folderEngine = new HashMap<>();
    private TriageEngine engine;

    /** A command that loads the knowledge base from the class path when a subcommand first needs it. */
    public TriageCommand() {
        this(TriageEngine::create);
    }

    /**
     * A command that takes its engine from the given factory, called at most once; tests pass a shared engine.
     * Rules folders named with {@code --rules} are compiled with {@link RulesFolder}.
     *
     * @param engineFactory supplies the engine
     */
    public TriageCommand(Supplier<TriageEngine> engineFactory) {
        this(engineFactory, dir -> RulesFolder.at(dir).engine(EngineOptions.defaults()));
    }

    /**
     * A command with its own ways to get engines; for tests.
     *
     * @param engineFactory supplies the engine on the built knowledge base, called at most once
     * @param folderEngines compiles a rules folder named with {@code --rules} into an engine, called at most once
     *                      per folder
     */
    public TriageCommand(Supplier<TriageEngine> engineFactory, Function<Path, TriageEngine> folderEngines) {
        this.engineFactory = Objects.requireNonNull(engineFactory, "engineFactory");
        this.folderEngines = Objects.requireNonNull(folderEngines, "folderEngines");
    }

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments, for example {@code evaluate case.json}
     */
    public static void main(String[] args) {
        System.exit(commandLine(new TriageCommand(), args).execute(args));
    }

    /**
     * The configured picocli command line for a root command: exit codes and error reporting as documented above.
     * Set its out and err writers to capture the output.
     *
     * @param root the root command
     * @return a command line with every subcommand, ready to {@link CommandLine#execute(String...) execute}
     */
    public static CommandLine commandLine(TriageCommand root) {
        return commandLine(root, new String[0]);
    }

    /**
     * As {@link #commandLine(TriageCommand)} for one run with the given arguments: when they start with the name of
     * a subcommand other than {@code help}, only that subcommand is added. Picocli reads every added command's
     * options by reflection before parsing, and its classes (Java 5 bytecode) cannot be kept in the class-data-sharing
     * archive, so a run of {@code evaluate} skips reading the eight commands it does not run. Any other first
     * argument (none, an option, {@code help}, a mistyped name) gets every subcommand, for the usage and its
     * suggestions.
     *
     * @param root the root command
     * @param args the arguments the command line will execute
     * @return a command line ready to execute those arguments
     */
    static CommandLine commandLine(TriageCommand root, String... args) {
        CommandLine cl = new CommandLine(root);
        Class<?> only = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class)
                .filter(c -> c.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        for (Class<?> sub : SUBCOMMANDS) {
            if (only == null || sub == only) {
                cl.addSubcommand(sub);
            }
        }
        cl.setExecutionExceptionHandler(root::handle);
        return cl;
    }

    /** Without a subcommand there is nothing to do: show the usage and report invalid input. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(NAME + ": missing command");
        spec.commandLine().usage(err);
        return EXIT_INVALID_INPUT;
    }

    /** @return the environment variables the command reads (the process environment unless a test set others) */
    Map<String, String> environment() {
        return environment;
    }

    /**
     * Replaces the environment variables the command reads; for tests.
     *
     * @param environment the variables
     * @return this command
     */
    public TriageCommand withEnvironment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** @return the engine, created on first use */
    TriageEngine engine() {
        if (engine == null) {
            engine = Objects.requireNonNull(engineFactory.get(), "the engine factory returned null");
        }
        return engine;
    }

    /**
     * @param rulesFolder a rules folder
     * @return an engine on the folder's rules, compiled on first use
     */
    TriageEngine folderEngine(Path rulesFolder) {
        return folderEngine.computeIfAbsent(rulesFolder.toAbsolutePath().normalize(),
                dir -> Objects.requireNonNull(folderEngines.apply(dir), "the folder engine factory returned null"));
    }

    /**
     * Registers a text that must never appear on the console, such as the patient's reference; error output is
     * scrubbed of it.
     *
     * @param text the text; ignored when {@code null} or blank
     */
    void hide(String text) {
        if (text != null && !text.isBlank()) {
            hidden.add(text);
        }
    }

    /**
     * Hides registered texts and neutralises control and bidirectional characters; keeps line breaks. Subcommands
     * that report problems themselves (such as {@code evaluate} with several case files) use it as well.
     */
    String scrub(String text) {
        String out = text;
        for (String h : hidden) {
            out = out.replace(h, HIDDEN);
        }
        return SafeText.lines(out);
    }

    private int handle(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof AuditException audit) {
            err.println(NAME + ": audit: " + scrub(audit.getMessage()));
            err.println("No decision was given, because it could not be audited.");
            err.flush();
            return EXIT_INTERNAL_ERROR;
        }
        if (ex instanceof RulesProblemsException rules) {
            err.println(NAME + ": " + scrub(rules.getMessage()));
            rules.problems().forEach(p -> err.println("  " + scrub(p.toString())));
            err.println("Run 'twitch-triage lint " + scrub(rules.folder().toString())
                    + "' for a full check of the folder.");
        } else if (ex instanceof CaseFileException bad) {
            err.println(NAME + ": " + scrub(bad.getMessage()));
            bad.violations().forEach(v -> err.println("  " + scrub(v.toString())));
            if (!bad.violations().isEmpty()) {
                err.println("The case file format is described in docs/input-format.md.");
            }
        } else if (ex instanceof InvalidRequestException invalid) {
            err.println(NAME + ": invalid input:");
            for (Violation v : invalid.getViolations()) {
                err.println("  " + scrub(v.toString()));
            }
        } else {
            String message = ex.getMessage() == null || ex.getMessage().isBlank()
                    ? ex.getClass().getSimpleName()
                    : ex.getMessage().lines().findFirst().orElse("");
            err.println(NAME + ": internal error: " + scrub(message));
            if (verbose) {
                StringWriter trace = new StringWriter();
                ex.printStackTrace(new PrintWriter(trace));
                err.print(scrub(trace.toString()));
            } else {
                err.println("Run again with --verbose to see the details.");
            }
            err.flush();
            return EXIT_INTERNAL_ERROR;
        }
        err.flush();
        return EXIT_INVALID_INPUT;
    }
}
