package io.cgscope.cli;

import io.cgscope.scenario.Lessons;
import io.cgscope.model.ReleaseRules;
import io.cgscope.scenario.Scenario;
import io.cgscope.scenario.ScenarioLine;
import io.cgscope.scenario.Step;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The lessons shipped in the jar: each tells its story and checks it, passes on the simulator,
 * and (those of today's rules, as root) prints the same outcomes on the real kernel.
 */
class LessonsTest {
    record Run(int exit, List<String> out, String err) {
    }

    static Run cgscope(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, Arrays.asList(out.toString(StandardCharsets.UTF_8).split("\n")), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> lessons() {
        return Lessons.names();
    }

    static List<String> lessonsOfToday() throws Exception {
        return Lessons.names().stream().filter(n -> {
            try {
                return Lessons.load(n).rules() != ReleaseRules.Y2007;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void atLeastSixLessonsAreListedWithTheirTitles() throws Exception {
        Run r = cgscope("lessons");
        assertEquals(0, r.exit(), r.err());
        List<String> names = Lessons.names();
        assertTrue(names.size() >= 6, names.toString());
        assertEquals(names.size(), r.out().size(), r.out().toString());
        for (int i = 0; i < names.size(); i++) {
            assertTrue(r.out().get(i).startsWith(names.get(i) + " "), r.out().get(i));
            assertTrue(r.out().get(i).contains(Lessons.load(names.get(i)).title()), r.out().get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void eachLessonTellsItsStoryAndChecksIt(String name) throws Exception {
        Scenario s = Lessons.load(name);
        List<Step> steps = s.lines().stream().map(ScenarioLine::step).toList();
        long narration = steps.stream().filter(st -> st instanceof Step.Narration n && !n.words().isBlank()).count();
        long expects = steps.stream().filter(st -> st instanceof Step.Expectation).count();
        assertTrue(narration >= 8, name + " tells its story in " + narration + " lines");
        assertTrue(expects >= 6, name + " checks " + expects + " claims");
        assertTrue(steps.get(0) instanceof Step.Narration, "a lesson opens with its title");
        if (s.rules() == ReleaseRules.Y2007) {
            assertTrue(Lessons.text(name).contains("2007 rules"), "a lesson of the 2007 rules says so");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void eachLessonHoldsOnTheSimulator(String name) {
        Run r = cgscope("scenario", "run", name);
        assertEquals(0, r.exit(), String.join("\n", r.out()) + r.err());
        assertTrue(r.out().get(r.out().size() - 1).matches("all \\d+ expectations held"), r.out().toString());
        assertFalse(r.out().stream().anyMatch(l -> l.contains("FAILED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessonsOfToday")
    void eachLessonOfTodaysRulesPrintsTheSameOutcomesOnTheKernel(String name) {
        String why = PrivateHierarchy.whyUnavailable();
        assumeTrue(why == null, why);
        Run sim = cgscope("scenario", "run", name);
        Run kernel = cgscope("scenario", "run", "--kernel", name);
        assertEquals(0, kernel.exit(), String.join("\n", kernel.out()) + kernel.err());
        assertTrue(sim.out().get(0).contains("on the simulator"), sim.out().get(0));
        assertTrue(kernel.out().get(0).contains("on the kernel"), kernel.out().get(0));
        assertEquals(sim.out().subList(1, sim.out().size()), kernel.out().subList(1, kernel.out().size()));
    }

    @Test
    void aLessonOfThe2007RulesIsRefusedOnTheKernelInOneLine() {
        Run r = cgscope("scenario", "run", "--kernel", "releasable-2007");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("written for the 2007 rules"), r.err());
    }
}
