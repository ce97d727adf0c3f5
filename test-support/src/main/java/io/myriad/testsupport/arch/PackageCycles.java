package io.myriad.testsupport.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Packages are features; a feature that imports another which imports it back is one feature in two folders, and
 * nobody can tell which of them owns a change. Each module keeps its package graph a tree with a one-line test:
 * {@code PackageCycles.assertNoneUnder("io.myriad.orchestrator")}.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /**
     * Fails, naming each cycle and the dependencies that close it, when two packages under {@code rootPackage} depend
     * on each other, directly or round a longer loop. The root package itself counts as one package, and each direct
     * subpackage with everything under it as another. Only main classes are read, not tests.
     */
    public static void assertNoneUnder(String rootPackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage);
        if (classes.isEmpty()) {
            throw new AssertionError("No main class under " + rootPackage + ": a misspelt package checks nothing");
        }
        slices().assignedFrom(new TopLevelPackages(rootPackage))
                .should().beFreeOfCycles()
                .check(classes);
    }

    /** One slice per direct subpackage of the root (with its own subpackages), and one for the root's own classes. */
    private record TopLevelPackages(String root) implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (name.equals(this.root)) {
                return SliceIdentifier.of(this.root);
            }
            if (name.startsWith(this.root + ".")) {
                String rest = name.substring(this.root.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(this.root + "." + ((dot < 0) ? rest : rest.substring(0, dot)));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages under " + this.root;
        }
    }
}
