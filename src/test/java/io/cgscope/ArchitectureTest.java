package io.cgscope;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers: the reader, the model, the live engine, the simulator and the command line work
 * without JavaFX (dump and watch run where no display and no GTK exist), so none of them may
 * depend on a JavaFX class; the FX thread is reached only from {@code ui}.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cgscope");
    }

    @Test
    void theCoreImportsNothingFromJavaFx() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.cgscope.kernel..", "io.cgscope.model..",
                        "io.cgscope.live..", "io.cgscope.sim..", "io.cgscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
                .because("dump and watch run without a display, and the core is tested without a toolkit");
        rule.check(main);
    }

    @Test
    void theCoreDoesNotReachIntoTheWindow() {
        noClasses().that().resideInAnyPackage("io.cgscope.kernel..", "io.cgscope.model..", "io.cgscope.live..",
                        "io.cgscope.sim..", "io.cgscope.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.cgscope.ui..")
                .check(main);
    }

    @Test
    void theRuleSeesTheCore() {
        // a rule over no classes passes whatever they import: make sure it has something to check
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals("io.cgscope.kernel")));
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().equals("io.cgscope.model")));
        assertTrue(main.stream().anyMatch(c -> c.getPackageName().startsWith("io.cgscope.ui")));
    }
}
