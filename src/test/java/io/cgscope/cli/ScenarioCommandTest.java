package io.cgscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.ReleaseRules;
import io.cgscope.scenario.ScenarioTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code cgscope scenario run}: its exit codes, its text, its JSON lines, both rule sets. */
class ScenarioCommandTest {
    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> opened = new ArrayList<>();

    /** The simulator as the command line opens it; the kernel refused with a given sentence. */
    private ScenarioTargets simulatorOnly(String whyNoKernel) {
        KernelOrSimulator real = new KernelOrSimulator();
        return new ScenarioTargets() {
            @Override
            public ScenarioTarget simulator(ReleaseRules rules, CgroupVersion version) throws IOException {
                opened.add(rules.word() + " " + version);
                return real.simulator(rules, version);
            }

            @Override
            public String whyNoKernel(CgroupVersion version) {
                return whyNoKernel;
            }

            @Override
            public ScenarioTarget kernel(CgroupVersion version) {
                throw new AssertionError("the kernel is not opened when it cannot run the scenario");
            }
        };
    }

    private int run(String... args) {
        return run(simulatorOnly(null), args);
    }

    private int run(ScenarioTargets targets, String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            return ScenarioCommand.run(List.of(args), o, e, targets);
        } catch (UsageException u) {
            e.println("cgscope scenario: " + u.getMessage());
            return Cli.EXIT_USAGE;
        }
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("story.scenario"), text);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static final String HOLDS = """
            # a cgroup flagged and emptied
            agent /sbin/agent
            mkdir /job
            set /job notify_on_release 1
            spawn web /job
            exit web                       # the last task
            settle
            expect agent /job
            expect releasable /job
            """;

    @Test
    void everyExpectationHeldIsExitZeroWithEachStepAndItsOutcome() throws IOException {
        assertEquals(0, run("run", file(HOLDS).toString()), err.toString());
        List<String> lines = outLines();
        assertEquals("scenario story.scenario on the simulator, today's rules", lines.get(0));
        assertEquals("# a cgroup flagged and emptied", lines.get(1));
        assertEquals("   6  exit web                             ok  [agent called: /job]", lines.get(6));
        assertEquals("   8  expect agent /job                    ok", lines.get(8));
        assertEquals("all 2 expectations held", lines.get(lines.size() - 1));
        assertEquals("", err.toString());
    }

    @Test
    void anExpectationThatDoesNotHoldIsExitOneAndSaysWhy() throws IOException {
        assertEquals(1, run("run", file(HOLDS + "expect populated /job\n").toString()));
        List<String> lines = outLines();
        assertEquals("  10  expect populated /job                FAILED: but /job is empty", lines.get(lines.size() - 2));
        assertEquals("1 step failed", lines.get(lines.size() - 1));
    }

    @Test
    void jsonIsOneObjectAStepWithItsLineOutcomeCallsAndMessage() throws IOException {
        assertEquals(1, run("run", "--json", file(HOLDS + "expect error EBUSY rmdir /job\n").toString()));
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> objects = new ArrayList<>();
        for (String line : outLines()) {
            objects.add(json.readTree(line));
        }
        assertEquals(9, objects.size(), "no object for narration, none for a header or a summary");
        JsonNode exit = objects.get(4);
        assertEquals(6, exit.get("line").asInt());
        assertEquals("exit web", exit.get("step").asText());
        assertTrue(exit.get("ok").asBoolean());
        assertEquals("/job", exit.get("agentCalls").get(0).asText());
        assertEquals("", exit.get("message").asText());
        JsonNode busy = objects.get(8);
        assertFalse(busy.get("ok").asBoolean());
        assertEquals("it was done; expected a refusal with EBUSY", busy.get("message").asText());
        assertEquals(List.of("line", "step", "ok", "agentCalls", "message"), fieldNames(busy));
    }

    @Test
    void bothRuleSetsSideBySideMarkWhereTheyDiffer() throws IOException {
        String differs = """
                mkdir /a
                mkdir /b
                spawn t /a
                move t /b
                expect releasable /a
                """;
        assertEquals(1, run("run", "--rules", "both", file(differs).toString()));
        assertEquals(List.of("today V1", "2007 V1"), opened);
        List<String> lines = outLines();
        assertTrue(lines.get(0).contains("today's rules | the 2007 rules"), lines.get(0));
        assertTrue(lines.get(4).startsWith("   4  move t /b"), lines.get(4));
        assertTrue(lines.get(5).startsWith("*  5  expect releasable /a"), lines.get(5));
        assertTrue(lines.get(5).contains("FAILED: but /a is not releasable") && lines.get(5).endsWith("| ok"), lines.get(5));
        assertEquals("today's rules: 1 step failed", lines.get(6));
        assertEquals("the 2007 rules: all 1 expectations held", lines.get(7));

        out.reset();
        run("run", "--rules", "both", "--json", file(differs).toString());
        JsonNode last = new ObjectMapper().readTree(outLines().get(4));
        assertTrue(last.get("differ").asBoolean());
        assertFalse(last.get("today").get("ok").asBoolean());
        assertTrue(last.get("2007").get("ok").asBoolean());
        assertFalse(new ObjectMapper().readTree(outLines().get(3)).get("differ").asBoolean());
    }

    @Test
    void theScenariosRulesAreUsedUnlessTheCommandLineSaysOther() throws IOException {
        String text = "rules 2007\nmkdir /a\n";
        run("run", file(text).toString());
        run("run", "--rules", "today", file(text).toString());
        run("run", "--rules", "2007", file("mkdir /a\n").toString());
        assertEquals(List.of("2007 V1", "today V1", "2007 V1"), opened);
    }

    @Test
    void aSyntaxErrorIsExitTwoWithOneLineNamingTheLine() throws IOException {
        assertEquals(2, run("run", file("# fine\nmkdir /a\nmkdri /b\n").toString()));
        assertEquals("cgscope scenario: story.scenario line 3: unknown step \"mkdri\" (mkdir, rmdir, set, agent,"
                + " spawn, exit, move, settle, expect)\n", err.toString());
        assertEquals("", out.toString(), "nothing ran");
        assertTrue(opened.isEmpty());
    }

    @Test
    void badArgumentsAreExitTwoWithOneLine() throws IOException {
        String f = file(HOLDS).toString();
        List<List<String>> bad = List.of(List.of(), List.of("walk", f), List.of("run"), List.of("run", "--rules", "2008", f),
                List.of("run", "--rules"), List.of("run", "--fast", f), List.of("run", f, f), List.of("run", "no-such-lesson"),
                List.of("run", "--kernel", "--rules", "2007", f), List.of("run", "--kernel", "--rules", "both", f));
        for (List<String> args : bad) {
            err.reset();
            assertEquals(2, run(args.toArray(String[]::new)), args.toString());
            assertEquals(1, err.toString().lines().count(), args + ": " + err);
        }
        assertTrue(opened.isEmpty());
    }

    @Test
    void theKernelWhereItCannotRunIsExitTwoWithItsReason() throws IOException {
        assertEquals(2, run(simulatorOnly("scenario run --kernel needs root: it mounts a private cgroup hierarchy"),
                "run", "--kernel", file(HOLDS).toString()));
        assertEquals("cgscope scenario: scenario run --kernel needs root: it mounts a private cgroup hierarchy\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void theCommandLineKnowsScenarioAndLessons() {
        assertTrue(Cli.isCommand(new String[] {"scenario", "run", "x"}));
        assertTrue(Cli.isCommand(new String[] {"lessons"}));
        ByteArrayOutputStream usage = new ByteArrayOutputStream();
        Cli.run(new String[] {"--help"}, new PrintStream(usage, true, StandardCharsets.UTF_8), System.err);
        assertTrue(usage.toString(StandardCharsets.UTF_8).contains("cgscope scenario run [--kernel] [--rules today|2007|both] [--json] FILE|LESSON"));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
