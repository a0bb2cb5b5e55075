package org.twitchtriage.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The layering of the modules and of triage-core's packages, and the rule that {@code ..internal..} packages are
 * implementation details: read from the compiled classes of every library module (this module's test class path
 * holds them all), not from package names alone.
 *
 * <p>Module roots: triage-core is {@code model}, {@code guideline}, {@code validation}, {@code engine}, {@code json}
 * and {@code audit}; the other modules are {@code authoring}, {@code testkit}, {@code fhir}, {@code cdshooks},
 * {@code batch}, {@code examples}, and {@code rules} (the classes the executable model generates in the kjar).
 */
@AnalyzeClasses(packages = "org.twitchtriage", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String[] CORE = {"org.twitchtriage.model..", "org.twitchtriage.guideline..",
        "org.twitchtriage.validation..", "org.twitchtriage.engine..", "org.twitchtriage.json..",
        "org.twitchtriage.audit.."};

    /** Which module may use which: everything builds on core, and no library reaches up to a program. */
    @ArchTest
    static final ArchRule modulesAreLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(CORE)
            .layer("authoring").definedBy("org.twitchtriage.authoring..")
            .layer("testkit").definedBy("org.twitchtriage.testkit..")
            .layer("fhir").definedBy("org.twitchtriage.fhir..")
            .layer("cds-hooks").definedBy("org.twitchtriage.cdshooks..")
            .layer("batch").definedBy("org.twitchtriage.batch..")
            .optionalLayer("rules").definedBy("org.twitchtriage.rules..")
            .layer("examples").definedBy("org.twitchtriage.examples..")
            .whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("authoring").mayOnlyAccessLayers("core")
            .whereLayer("testkit").mayOnlyAccessLayers("core")
            .whereLayer("fhir").mayOnlyAccessLayers("core")
            .whereLayer("cds-hooks").mayOnlyAccessLayers("core", "fhir")
            .whereLayer("batch").mayOnlyAccessLayers("core", "fhir")
            .whereLayer("rules").mayOnlyAccessLayers("core")
            .whereLayer("authoring").mayOnlyBeAccessedByLayers("examples")
            .whereLayer("testkit").mayOnlyBeAccessedByLayers("examples")
            .whereLayer("fhir").mayOnlyBeAccessedByLayers("cds-hooks", "batch")
            .whereLayer("cds-hooks").mayNotBeAccessedByAnyLayer()
            .whereLayer("batch").mayOnlyBeAccessedByLayers("examples")
            .whereLayer("rules").mayNotBeAccessedByAnyLayer()
            .whereLayer("examples").mayNotBeAccessedByAnyLayer()
            .because("the rules are loaded from the class path, never compiled against, and adapters and tools "
                    + "build on the core without reaching into each other");

    /** Inside triage-core: facts at the bottom, then validation, the engine, and the JSON and audit adapters. */
    @ArchTest
    static final ArchRule corePackagesAreLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("model").definedBy("org.twitchtriage.model..")
            .layer("guideline").definedBy("org.twitchtriage.guideline..")
            .layer("validation").definedBy("org.twitchtriage.validation..")
            .layer("engine").definedBy("org.twitchtriage.engine..")
            .layer("json").definedBy("org.twitchtriage.json..")
            .layer("audit").definedBy("org.twitchtriage.audit..")
            .whereLayer("model").mayNotAccessAnyLayer()
            .whereLayer("guideline").mayNotAccessAnyLayer()
            .whereLayer("validation").mayOnlyAccessLayers("model")
            .whereLayer("engine").mayOnlyAccessLayers("model", "validation", "guideline")
            .whereLayer("json").mayOnlyAccessLayers("model", "validation", "guideline", "engine")
            .whereLayer("audit").mayOnlyAccessLayers("model", "validation", "guideline", "engine", "json")
            .because("the facts the rules match on know nothing of how they are evaluated, read or recorded");

    /** The fact model is plain Java: the rules, the JSON and FHIR adapters all depend on it, it on nothing. */
    @ArchTest
    static final ArchRule modelIsPlainJava = classes().that().resideInAPackage("org.twitchtriage.model..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "lombok..", "org.twitchtriage.model..")
            .because("facts are immutable values that any adapter can build");

    /** JSON is a concern of the json and audit packages only. */
    @ArchTest
    static final ArchRule jacksonStaysInTheAdapters = noClasses().that().resideInAnyPackage(
                    "org.twitchtriage.model..", "org.twitchtriage.guideline..", "org.twitchtriage.validation..",
                    "org.twitchtriage.engine..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml..")
            .because("the engine takes and returns Java values; reading and writing JSON is the adapters' job");

    /** The one class of the core that reaches past the KIE API: it builds a kjar's KieBase from its model classes. */
    static final String MODEL_LOADER = "org.twitchtriage.engine.internal.ExecutableModelLoader";

    /**
     * The core speaks to Drools only through the KIE API: it loads a prebuilt kjar and never compiles rules
     * (triage-authoring compiles rules folders). The exception is {@value #MODEL_LOADER}, which hands the model
     * classes generated in the kjar to the executable model's runtime, as the KIE container does, without the
     * container's class-path scan and XML parsing (see the next rule).
     */
    @ArchTest
    static final ArchRule coreUsesOnlyTheKieApi = noClasses().that().resideInAnyPackage(CORE)
            .and().doNotHaveFullyQualifiedName(MODEL_LOADER)
            .should().dependOnClassesThat().resideInAnyPackage("org.drools..")
            .because("the engine runs the executable model the kjar build generated; compiling is a build concern");

    /** The loader of the executable model uses its runtime only: no rule compiler, no DRL or MVEL. */
    @ArchTest
    static final ArchRule modelLoaderCompilesNothing = noClasses().that().haveFullyQualifiedName(MODEL_LOADER)
            .should().dependOnClassesThat().resideInAnyPackage("org.drools.model.codegen..", "org.drools.compiler..",
                    "org.drools.drl..", "org.drools.mvel..")
            .because("the model classes are compiled by the kjar build; loading them must not compile anything");

    /** An {@code internal} package is used only by the package it belongs to (and that package's sub-packages). */
    @ArchTest
    static final ArchRule internalsStayInTheirPackage = classes()
            .should(new ArchCondition<JavaClass>("use only their own package's internal packages") {
                @Override
                public void check(JavaClass origin, ConditionEvents events) {
                    for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                        Optional<String> owner = internalOwner(d.getTargetClass());
                        if (owner.isPresent() && !within(origin.getPackageName(), owner.get())) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()
                                    + " (internal to " + owner.get() + ")"));
                        }
                    }
                }
            })
            .because("internal packages are unsupported and may change without notice; another module that needs "
                    + "one of their classes needs public API instead");

    /** Public API never hands out or asks for an internal type. */
    @ArchTest
    static final ArchRule publicApiExposesNoInternalType = classes().that().arePublic()
            .and().resideInAPackage("org.twitchtriage..").and().resideOutsideOfPackage("..internal..")
            .should(new ArchCondition<JavaClass>("expose no internal type in a public or protected signature") {
                @Override
                public void check(JavaClass api, ConditionEvents events) {
                    for (String problem : exposedInternals(api)) {
                        events.add(SimpleConditionEvent.violated(api, api.getName() + ": " + problem));
                    }
                }
            })
            .because("a caller could not use such a member without depending on an internal package");

    /** @return the package an internal class belongs to, for example {@code org.twitchtriage.engine} */
    static Optional<String> internalOwner(JavaClass target) {
        String name = target.getPackageName();
        if (!name.startsWith("org.twitchtriage.")) {
            return Optional.empty();
        }
        List<String> segments = List.of(name.split("\\."));
        int internal = segments.indexOf("internal");
        return internal < 0 ? Optional.empty() : Optional.of(String.join(".", segments.subList(0, internal)));
    }

    private static boolean within(String packageName, String owner) {
        return packageName.equals(owner) || packageName.startsWith(owner + ".");
    }

    private static List<String> exposedInternals(JavaClass api) {
        List<String> problems = new ArrayList<>();
        api.getRawSuperclass().filter(ArchitectureTest::isInternal)
                .ifPresent(s -> problems.add("extends " + s.getName()));
        api.getRawInterfaces().stream().filter(ArchitectureTest::isInternal)
                .forEach(i -> problems.add("implements " + i.getName()));
        for (JavaField f : api.getFields()) {
            if (visible(f) && isInternal(f.getRawType())) {
                problems.add("field " + f.getName() + " has type " + f.getRawType().getName());
            }
        }
        for (JavaCodeUnit unit : api.getCodeUnits()) {
            if (!visible(unit) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                continue;
            }
            if (isInternal(unit.getRawReturnType())) {
                problems.add(unit.getFullName() + " returns " + unit.getRawReturnType().getName());
            }
            for (JavaClass p : unit.getRawParameterTypes()) {
                if (isInternal(p)) {
                    problems.add(unit.getFullName() + " takes " + p.getName());
                }
            }
            for (JavaClass e : unit.getExceptionTypes()) {
                if (isInternal(e)) {
                    problems.add(unit.getFullName() + " throws " + e.getName());
                }
            }
        }
        return problems;
    }

    private static boolean visible(JavaMember member) {
        return member.getModifiers().contains(JavaModifier.PUBLIC)
                || member.getModifiers().contains(JavaModifier.PROTECTED);
    }

    private static boolean isInternal(JavaClass type) {
        JavaClass base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        return internalOwner(base).isPresent();
    }
}
