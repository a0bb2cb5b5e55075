package org.twitchtriage.examples.cli;

import java.nio.file.Path;
import org.twitchtriage.model.TriageRequest;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A subcommand that decides one case file, with the rules of the knowledge base or of a folder ({@code --rules}).
 */
abstract class CaseCommand extends Subcommand {
    @Parameters(paramLabel = "CASE.json", description = "The case file (format: docs/input-format.md).")
    Path caseFile;

    @Mixin
    RulesOption rules = new RulesOption();

    /** @return the request of the case file, its patient reference registered to be hidden from every output */
    TriageRequest readCase() {
        TriageRequest request = CaseFiles.read(caseFile);
        root.hide(request.getPatient().getReference());
        return request;
    }
}
