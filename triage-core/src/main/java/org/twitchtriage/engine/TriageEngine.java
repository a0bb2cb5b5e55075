package org.twitchtriage.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieContainer;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.twitchtriage.engine.internal.EvaluationRecorder;
import org.twitchtriage.engine.internal.ExecutableModelLoader;
import org.twitchtriage.engine.internal.FindingAssembler;
import org.twitchtriage.engine.internal.RuleCatalog;
import org.twitchtriage.guideline.Guideline;
import org.twitchtriage.model.Finding;
import org.twitchtriage.model.TriageRequest;
import org.twitchtriage.model.Twitch;
import org.twitchtriage.model.Urgency;
import org.twitchtriage.validation.InvalidRequestException;
import org.twitchtriage.validation.RequestValidator;

/**
 * The facade over the knowledge base. Create it once (loading takes a fraction of a second) and share it: it is immutable
 * and thread-safe; each {@link #evaluate(TriageRequest)} runs in a rule session of its own, used by no other
 * evaluation at the same time. Sessions are taken from a pool and reset after use ({@link
 * EngineOptions#isReuseSessions()}), so a session holds nothing of an earlier evaluation; the pool grows to the
 * largest number of concurrent evaluations.
 *
 * <pre>{@code
 * TriageEngine engine = TriageEngine.create();
 * TriageDecision decision = engine.evaluate(request);
 * }</pre>
 *
 * <p>Logging: INFO once per evaluation and DEBUG once per rule firing, never with the patient's reference or any
 * other personal data.
 */
public final class TriageEngine {
    /** Name of the KieBase the {@code triage-rules} kjar declares. */
    public static final String DEFAULT_KIE_BASE = "twitch-triage";

    private static final Logger LOG = LoggerFactory.getLogger(TriageEngine.class);
    /** Kjar containers by release id, loaded once per JVM (see {@link #containerOf}). */
    private static final Map<String, KieContainer> CONTAINERS = new ConcurrentHashMap<>();
    /** KieBases built through a container with {@link #kieBaseConfiguration(ClassLoader)}, by container and name. */
    private static final Map<List<Object>, KieBase> KIE_BASES = new ConcurrentHashMap<>();
    /**
     * Packaged kjars' KieBases built from their executable model, with their coordinates and rules digest, by class
     * loader and KieBase name: a second engine reads neither the jar nor its rules again. Immutable, shared.
     */
    private static final Map<List<Object>, Loaded> PACKAGED = new ConcurrentHashMap<>();

    private final KieBase kieBase;
    private final KnowledgeBaseInfo info;
    private final EngineOptions options;
    private final RuleCatalog catalog;
    private final FindingAssembler assembler;
    private final RequestValidator validator = new RequestValidator();
    /** Reset sessions ready for reuse, or {@code null} when each evaluation builds a new one. */
    private final KieSessionsPool sessions;

    private TriageEngine(KieBase kieBase, String releaseId, String rulesSha256, EngineOptions options) {
        if (options.getMaxRuleFirings() < 1) {
            throw new IllegalArgumentException("maxRuleFirings must be at least 1, was " + options.getMaxRuleFirings());
        }
        this.kieBase = kieBase;
        this.options = options;
        // Drools' own pool: dispose() on a pooled session resets it (facts, agenda, truth maintenance, event
        // listeners) and puts it back; the pool is a concurrent queue and creates a session when it is empty
        this.sessions = options.isReuseSessions() ? kieBase.newKieSessionsPool(1) : null;
        Guideline guideline = Guideline.muscleTwitching();
        try {
            this.catalog = RuleCatalog.of(kieBase, guideline);
        } catch (IllegalStateException e) {
            throw new TriageEngineException(e.getMessage(), e);
        }
        this.assembler = new FindingAssembler(guideline);
        this.info = new KnowledgeBaseInfo(releaseId, options.getKieBaseName(), catalog.rules().size(),
                rulesSha256 == null ? KnowledgeBaseInfo.UNKNOWN_DIGEST : rulesSha256);
    }

    /** @return an engine on the {@code triage-rules} kjar found on the class path, with default options */
    public static TriageEngine create() {
        return create(EngineOptions.defaults());
    }

    /**
     * An engine on the kjar found on the class path. A packaged kjar with an executable model (as {@code
     * triage-rules} is) has its KieBase built straight from the model classes its index lists, without a {@code
     * KieContainer}: no scan of the class path for {@code kmodule.xml} files, no XStream, no Java compiler
     * configuration. A kjar that is a folder of classes (a module's own tests), has no executable model, or whose
     * KieBase names packages or includes others is loaded through the container, as before. Either way the KieBase is
     * built with {@link #kieBaseConfiguration(ClassLoader)} once per JVM and shared by later engines.
     *
     * @param options engine settings
     * @return an engine on the kjar found on the class path
     * @throws TriageEngineException when no kjar with the named KieBase is on the class path, or its rules lack
     *                               metadata
     */
    public static TriageEngine create(EngineOptions options) {
        return create(Objects.requireNonNull(options, "options"), TriageEngine.class.getClassLoader());
    }

    /** As {@link #create(EngineOptions)} on the kjar the given loader sees; for tests with a kjar of their own. */
    static TriageEngine create(EngineOptions options, ClassLoader loader) {
        long start = System.nanoTime();
        String name = options.getKieBaseName();
        Loaded loaded;
        try {
            loaded = PACKAGED.computeIfAbsent(List.of(loader, name), k -> fromExecutableModel(loader, name));
            if (loaded == null) {
                loaded = throughContainer(loader, name);
            }
        } catch (RuntimeException e) {
            throw new TriageEngineException("cannot load KieBase '" + name
                    + "': is the triage-rules kjar on the class path?", e);
        }
        TriageEngine engine = new TriageEngine(loaded.kieBase(), loaded.releaseId(), loaded.rulesSha256(), options);
        LOG.info("knowledge base {} ({}, rules sha256 {}) ready from the {}: {} rules in {} ms", name,
                loaded.releaseId(), engine.info.rulesSha256(), loaded.via(), engine.info.ruleCount(),
                (System.nanoTime() - start) / 1_000_000);
        return engine;
    }

    /** A KieBase with what identifies it, and how it was loaded. */
    private record Loaded(KieBase kieBase, String releaseId, String rulesSha256, String via) {
    }

    /** @return the packaged kjar's KieBase built from its executable model, or {@code null} when it cannot be */
    private static Loaded fromExecutableModel(ClassLoader loader, String name) {
        String coordinates = RulesFingerprint.releaseId(loader);
        if (coordinates == null) {
            return null;
        }
        return ExecutableModelLoader.load(loader, coordinates, name, kieBaseConfiguration(loader))
                .map(kieBase -> new Loaded(kieBase, coordinates, RulesFingerprint.of(loader), "executable model"))
                .orElse(null);
    }

    /** @return the kjar's KieBase from its KIE container: a folder of classes, or a kjar the model loader leaves */
    private static Loaded throughContainer(ClassLoader loader, String name) {
        String releaseId = RulesFingerprint.releaseId(loader);
        KieContainer container = containerOf(releaseId, loader);
        KieBase kieBase = KIE_BASES.computeIfAbsent(List.of(container, name),
                k -> container.newKieBase(name, kieBaseConfiguration(loader)));
        if (releaseId == null) {
            ReleaseId r = container.getReleaseId();
            releaseId = r == null ? "classpath" : r.getGroupId() + ":" + r.getArtifactId() + ":" + r.getVersion();
        }
        return new Loaded(kieBase, releaseId, RulesFingerprint.of(loader), "KieContainer");
    }

    /**
     * The configuration {@link #create(EngineOptions)} builds the kjar's KieBase with; for tools and benchmarks that
     * build the same KieBase themselves. It turns off the hash indexes of join memories: a decision holds one
     * patient, a few twitches and a few dozen conclusions, so a join scans a handful of entries and an index buys
     * nothing, while every pooled session resets its memories after each decision and resetting an indexed memory
     * allocates a new table (12 KB of the 27 KB Drools allocated per typical decision). An index changes how matches
     * are found, never which ({@code KnowledgeBaseLoadingTest} compares every bundled case with the default
     * configuration). Drools reads no such setting from {@code kmodule.xml} for an executable-model kjar.
     *
     * @param loader the class loader of the kjar
     * @return a new configuration
     */
    public static KieBaseConfiguration kieBaseConfiguration(ClassLoader loader) {
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration(null, loader);
        conf.setProperty("drools.indexLeftBetaMemory", "false");
        conf.setProperty("drools.indexRightBetaMemory", "false");
        return conf;
    }

    /**
     * The container of the kjar with the given coordinates, found by its {@code pom.properties} without scanning the
     * class path, and kept for later engines (its KieBase is immutable and shared); the class-path container, which
     * scans every jar for a kmodule, when the kjar has no coordinates (a folder of classes) or is not found.
     */
    private static KieContainer containerOf(String releaseId, ClassLoader loader) {
        KieServices ks = KieServices.get();
        String[] gav = releaseId == null ? new String[0] : releaseId.split(":");
        if (gav.length != 3) {
            return ks.getKieClasspathContainer(loader);
        }
        KieContainer known = CONTAINERS.get(releaseId);
        if (known != null) {
            return known;
        }
        KieContainer container;
        try {
            container = ks.newKieContainer(ks.newReleaseId(gav[0], gav[1], gav[2]), loader);
        } catch (RuntimeException e) {
            LOG.debug("kjar {} not found by its coordinates, scanning the class path: {}", releaseId, e.toString());
            return ks.getKieClasspathContainer(loader);
        }
        KieContainer first = CONTAINERS.putIfAbsent(releaseId, container);
        return first == null ? container : first;
    }

    /**
     * An engine on a KieBase built elsewhere, for example from a rules folder while authoring.
     *
     * @param kieBase     the knowledge base
     * @param releaseId   a label identifying it in decisions
     * @param rulesSha256 digest of the rule resources it was built from, or {@code null} when unknown
     * @param options     engine settings
     */
    public static TriageEngine of(KieBase kieBase, String releaseId, String rulesSha256, EngineOptions options) {
        return new TriageEngine(Objects.requireNonNull(kieBase, "kieBase"), Objects.requireNonNull(releaseId,
                "releaseId"), rulesSha256, Objects.requireNonNull(options, "options"));
    }

    /** As {@link #of(KieBase, String, String, EngineOptions)} without a digest. */
    public static TriageEngine of(KieBase kieBase, String releaseId, EngineOptions options) {
        return of(kieBase, releaseId, null, options);
    }

    /** @return the version of this library (from the jar manifest), or {@code development} when run from classes */
    public static String version() {
        String v = TriageEngine.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** @return the identity of the knowledge base this engine evaluates with */
    public KnowledgeBaseInfo knowledgeBase() {
        return info;
    }

    /** @return the metadata of every rule, sorted by id */
    public List<RuleInfo> rules() {
        return catalog.rules();
    }

    /**
     * Validates the request and, when it is valid, evaluates it.
     *
     * @param request the facts
     * @return the decision
     * @throws InvalidRequestException listing every problem with the input; nothing was evaluated
     * @throws RuleLoopException       when the knowledge base loops
     * @throws TriageEngineException   when a rule fails
     */
    public TriageDecision evaluate(TriageRequest request) {
        validator.requireValid(request);
        long start = System.nanoTime();
        EvaluationRecorder recorder = new EvaluationRecorder(catalog);
        KieSession session = sessions == null ? kieBase.newKieSession() : sessions.newKieSession();
        try {
            session.addEventListener((AgendaEventListener) recorder);
            session.addEventListener((RuleRuntimeEventListener) recorder);
            session.insert(request.getPatient());
            for (Twitch t : request.getTwitches()) {
                session.insert(t);
            }
            int limit = options.getMaxRuleFirings();
            int fired;
            try {
                // the filter enforces the bound exactly: fireAllRules(limit) alone lets one more rule fire
                fired = session.fireAllRules(match -> recorder.firingCount() < limit, limit);
            } catch (RuntimeException e) {
                RuleInfo rule = recorder.currentRule();
                throw new TriageEngineException("rule " + (rule == null ? "?" : "'" + rule.name() + "' (@id "
                        + rule.id() + ")") + " failed: " + e.getMessage(), e);
            }
            if (fired >= limit) {
                RuleInfo culprit = recorder.mostFired();
                throw new RuleLoopException(culprit.id(), culprit.name(), recorder.firings(culprit.id()), limit);
            }
            List<Finding> findings = assembler.assemble(recorder.conclusions());
            Urgency highest = findings.stream().map(Finding::getUrgency).reduce(Urgency.ROUTINE, Urgency::max);
            TriageDecision decision = new TriageDecision(findings, highest, recorder.firedRules(), info);
            if (LOG.isInfoEnabled()) {
                // guarded: the argument array and the boxed numbers would be made even with INFO off
                LOG.info("evaluated {} twitch(es): {} rule firings, {} findings, highest urgency {} in {} us",
                        request.getTwitches().size(), fired, findings.size(), highest,
                        (System.nanoTime() - start) / 1_000);
            }
            return decision;
        } finally {
            // a pooled session is reset and returned to the pool here, also after a failed evaluation
            session.dispose();
        }
    }
}
