package org.sild.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module dependency rules on Sild's production classes, and proves each rule fails
 * on fixtures that break it (package {@code org.sild.archfixture} in the test sources).
 */
class ArchitectureTest {

    private static final JavaClasses SILD = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sild");

    private static final JavaClasses FIXTURES = new ClassFileImporter().importPackages("org.sild.archfixture");

    @Test
    void sildKeepsItsDependencyRules() {
        assertThat(SILD.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("org.sild.core")))
                .as("the production classes of sild-core are on the test class path").isNotEmpty();
        for (ArchRule rule : ArchitectureRules.all("org.sild")) {
            rule.check(SILD);
        }
    }

    @Test
    void coreDependingOnAnotherModuleIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.coreIsSelfContained("org.sild.archfixture").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyCoreType");
        assertThatThrownBy(() -> ArchitectureRules.layers("org.sild.archfixture").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("LeakyCoreType");
    }

    @Test
    void packageCyclesAreCaught() {
        assertThatThrownBy(() -> ArchitectureRules.noPackageCycles("org.sild.archfixture").check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle");
    }

    @Test
    void internalPackagesUsedFromAnotherModuleAreCaught() {
        assertThatThrownBy(() -> ArchitectureRules.internalPackagesStayInTheirModule("org.sild.archfixture")
                .forEach(rule -> rule.check(FIXTURES)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Hidden");
    }

    @Test
    void bouncyCastleInPublicCoreApiIsCaught() {
        assertThatThrownBy(() -> ArchitectureRules.noBouncyCastleInPublicCoreApi("org.sild.archfixture")
                .check(FIXTURES))
                .isInstanceOf(AssertionError.class).hasMessageContaining("org.bouncycastle");
    }
}
