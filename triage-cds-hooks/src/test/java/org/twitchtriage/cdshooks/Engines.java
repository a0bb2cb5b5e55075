package org.twitchtriage.cdshooks;

import org.twitchtriage.engine.TriageEngine;

/** One engine for all tests of this module: loading the knowledge base is the slow part, and an engine is shared. */
final class Engines {
    private static TriageEngine engine;

    private Engines() {
    }

    static synchronized TriageEngine shared() {
        if (engine == null) {
            engine = TriageEngine.create();
        }
        return engine;
    }
}
