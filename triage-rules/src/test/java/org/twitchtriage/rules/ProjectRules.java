package org.twitchtriage.rules;

import org.twitchtriage.engine.TriageEngine;

/** The engine on this module's knowledge base, shared by the rule tests. */
final class ProjectRules {
    /** One engine for all rule tests: it is thread-safe and loading it is the slow part. */
    static final TriageEngine ENGINE = TriageEngine.create();

    private ProjectRules() {
    }
}
