package io.cgscope;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of DESIGN.md. The reader, the model, the live engine, the hosts, the command line
 * (and the simulator's package {@code sim}, ruled here before it exists) work without JavaFX (dump and watch run where no display and no GTK exist), so
 * none of them may depend on a JavaFX class; the FX thread is reached only from {@code ui}. The
 * window reads and writes only through the host seam, never the kernel behind it; the model is
 * plain records over the JDK; the seam itself knows only the model.
 */
class ArchitectureTest {
    /**
     * Dependencies that break a rule below and are known, each to go with a change made beside
     * this one; the lead removes each line when its change is merged. Nothing else is let through.
     */

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cgscope");
    }

    @Test
    void theCoreImportsNothingFromJavaFx() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.cgscope.kernel..", "io.cgscope.model..",
                        "io.cgscope.live..", "io.cgscope.host..", "io.cgscope.local..", "io.cgscope.sim..",
                        "io.cgscope.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
                .because("dump and watch run without a display, and the core is tested without a toolkit");
        rule.check(main);
    }

    @Test
    void theCoreDoesNotReachIntoTheWindow() {
        noClasses().that().resideInAnyPackage("io.cgscope.kernel..", "io.cgscope.model..", "io.cgscope.live..",
                        "io.cgscope.host..", "io.cgscope.local..", "io.cgscope.sim..", "io.cgscope.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.cgscope.ui..")
                .check(main);
    }

    @Test
    void theWindowReachesTheKernelOnlyThroughItsHost() {
        noClasses().that().resideInAPackage("io.cgscope.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cgscope.kernel..", "io.cgscope.live..",
                        "io.cgscope.local..", "io.cgscope.sim..")
                .because("every view reads and writes through the host of the row it shows")
                .check(main);
    }

    @Test
    void theModelIsPlainJava() {
        classes().that().resideInAPackage("io.cgscope.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cgscope.model..")
                .check(main);
    }

    @Test
    void theHostSeamKnowsOnlyTheModel() {
        classes().that().resideInAPackage("io.cgscope.host..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cgscope.model..", "io.cgscope.host..")
                .because("a simulator or a remote host implements it without the kernel")
                .check(main);
    }

    @Test
    void theSimulatorIsAHostOverTheModel() {
        classes().that().resideInAPackage("io.cgscope.sim..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cgscope.model..",
                        "io.cgscope.host..", "io.cgscope.scenario..", "io.cgscope.sim..")
                .because("the simulated kernel runs where no cgroupfs is, and nothing of the real one leaks into it")
                .check(main);
    }

    @Test
    void scenariosKnowOnlyTheModelAndTheHostSeam() {
        classes().that().resideInAPackage("io.cgscope.scenario..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cgscope.model..",
                        "io.cgscope.host..", "io.cgscope.scenario..")
                .because("a scenario runs on whichever target it is given: the simulator or the kernel")
                .check(main);
    }

    @Test
    void theKernelLooksNeitherUpNorSideways() {
        noClasses().that().resideInAPackage("io.cgscope.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("io.cgscope.live..", "io.cgscope.host..",
                        "io.cgscope.local..")
                .because("the kernel room is used by live and local, never the other way")
                .check(main);
    }

    @Test
    void theRulesSeeWhatTheyRuleOver() {
        // a rule over no classes passes whatever they import: make sure each has something to check
        for (String pkg : List.of("kernel", "model", "live", "host", "local", "cli", "ui", "sim", "scenario")) {
            assertTrue(main.stream().anyMatch(c -> c.getPackageName().startsWith("io.cgscope." + pkg)), pkg);
        }
    }

    @Test
    void theRulesCatchWhatTheyForbid() {
        // a rule that cannot fail proves nothing: each sees the dependency it is there to forbid
        // where one is known to exist (local reads the kernel; the window is JavaFX)
        assertTrue(noClasses().that().resideInAPackage("io.cgscope.local..").should().dependOnClassesThat()
                .resideInAPackage("io.cgscope.kernel..").evaluate(main).hasViolation());
        assertTrue(classes().that().resideInAPackage("io.cgscope.local..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.cgscope.model..", "io.cgscope.host..").evaluate(main).hasViolation());
        assertTrue(noClasses().that().resideInAPackage("io.cgscope.ui..").should().dependOnClassesThat()
                .resideInAnyPackage("javafx..").evaluate(main).hasViolation());
    }
}
