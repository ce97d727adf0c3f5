package io.myriad.reminder;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages are features; a feature that imports another which imports it back is one feature in two
 * folders, and nobody can tell which of them owns a change. This keeps the graph a tree.
 */
class PackageCyclesTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.myriad.reminder");

    @Test
    void noTwoPackagesOfTheServiceDependOnEachOther() {
        slices().matching("io.myriad.reminder.(*)..")
                .should().beFreeOfCycles()
                .check(MAIN_CLASSES);
    }
}
