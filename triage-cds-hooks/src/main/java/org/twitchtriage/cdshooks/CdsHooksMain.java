package org.twitchtriage.cdshooks;

import java.io.PrintStream;
import java.nio.file.Path;
import org.twitchtriage.audit.AuditException;

/**
 * Starts the CDS Hooks service from a configuration file and serves until the process is stopped:
 * {@code java -jar triage-cds-hooks/target/twitch-triage-cds.jar --config FILE}. Exit codes: 0 stopped normally,
 * 2 wrong arguments or an unusable configuration (every problem printed), 1 could not start for another reason (the
 * port is taken, the audit log is in use or damaged).
 */
public final class CdsHooksMain {
    private CdsHooksMain() {
    }

    /** @param args {@code --config FILE} */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2 || !args[0].equals("--config")) {
            err.println("usage: java -jar twitch-triage-cds.jar --config FILE");
            err.println("  FILE: the service configuration (JSON), e.g. triage-cds-hooks/config/demo.json;"
                    + " see docs/cds-hooks.md");
            return 2;
        }
        CdsHooksServer server;
        try {
            server = CdsHooksServer.builder(CdsHooksConfig.load(Path.of(args[1]))).start();
        } catch (CdsHooksConfigException e) {
            err.println("twitch-triage-cds: the configuration cannot be used:");
            e.problems().forEach(p -> err.println("  - " + p));
            return 2;
        } catch (AuditException e) {
            err.println("twitch-triage-cds: cannot open the audit log: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("twitch-triage-cds: cannot start: " + e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cds-hooks-shutdown"));
        out.println("twitch-triage CDS Hooks service on port " + server.port() + "; discovery: " + server.baseUrl()
                + "/cds-services (stop with Ctrl+C)");
        out.flush();
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }
}
