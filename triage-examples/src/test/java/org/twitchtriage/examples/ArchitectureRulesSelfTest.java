package org.twitchtriage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.twitchtriage.engine.internal.RuleCatalog;

/**
 * The hand-written rules of {@link ArchitectureTest} catch what they are meant to catch: they are checked here on
 * two small classes that break them, since the real code base (rightly) gives them nothing to report.
 */
class ArchitectureRulesSelfTest {
    /** Outside org.twitchtriage.engine, and reaching into its internal package. */
    public static final class UsesAnotherPackagesInternals {
        private RuleCatalog catalog;

        private UsesAnotherPackagesInternals() {
        }

        boolean loaded() {
            return catalog != null;
        }
    }

    /** Public API whose public method hands out an internal type. */
    public static final class ExposesAnInternalType {
        private ExposesAnInternalType() {
        }

        /** @return nothing useful; only the signature matters */
        public RuleCatalog catalog() {
            return null;
        }

        RuleCatalog hidden() {
            return null;
        }
    }

    private static final JavaClasses BREAKING = new ClassFileImporter()
            .importClasses(UsesAnotherPackagesInternals.class, ExposesAnInternalType.class);

    @Test
    @DisplayName("using another package's internal class is reported, naming the class and its owner")
    void internalAccess_isReported() {
        EvaluationResult result = ArchitectureTest.internalsStayInTheirPackage.evaluate(BREAKING);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
                .contains("UsesAnotherPackagesInternals", "RuleCatalog", "internal to org.twitchtriage.engine"));
    }

    @Test
    @DisplayName("a public method returning an internal type is reported; a package-private one is not")
    void exposedInternalType_isReported() {
        EvaluationResult result = ArchitectureTest.publicApiExposesNoInternalType.evaluate(BREAKING);

        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(line -> assertThat(line).contains("catalog()", "returns", RuleCatalog.class.getName()))
                .noneSatisfy(line -> assertThat(line).contains("hidden()"));
    }

    @Test
    @DisplayName("the owner of an internal class is the package above its internal segment")
    void internalOwner_isThePackageAboveInternal() {
        assertThat(ArchitectureTest.internalOwner(new ClassFileImporter().importClass(RuleCatalog.class)))
                .contains("org.twitchtriage.engine");
        assertThat(ArchitectureTest.internalOwner(new ClassFileImporter().importClass(ArchitectureTest.class)))
                .isEmpty();
    }
}
