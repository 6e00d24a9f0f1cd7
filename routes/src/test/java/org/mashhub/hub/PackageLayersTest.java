package org.mashhub.hub;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The feature packages of the hub depend on one another in one direction only (the layers are in package-info). */
class PackageLayersTest {

    private static final JavaClasses HUB = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mashhub.hub");

    @Test
    void noFeaturePackageDependsOnItselfThroughAnother() {
        slices().matching("org.mashhub.hub.(*)..").should().beFreeOfCycles().check(HUB);
    }
}
