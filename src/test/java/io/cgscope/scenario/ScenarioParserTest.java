package io.cgscope.scenario;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.CgroupVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario language as the issue writes it, line for line, and the lines it refuses. */
class ScenarioParserTest {
    /** The issue's example, exactly so, comments and all (spawn before exit and move). */
    private static final String ISSUE = """
            # narration: any line starting with '#'
            mkdir /a/b                 # parents must exist, as with mkdir(2)
            rmdir /a/b
            set /a notify_on_release 1 # also cgroup.clone_children
            agent /usr/local/sbin/x    # the hierarchy's release_agent; "agent none" clears it
            spawn web /a/b             # start a process named "web" in /a/b
            exit web
            spawn web /a/b
            move web /c                # moves the whole process (cgroup.procs)
            settle                     # wait until the kernel, the agent and the poller have caught up (instant on the simulator)
            expect releasable /a/b     # and: expect not releasable PATH
            expect populated /a        # and: expect empty PATH
            expect agent /a/b /c       # the agent calls since the previous "expect agent" line, any order; "expect agent none"
            expect error EBUSY rmdir /a   # the command fails with this errno (the command is any line above)
            """;

    @Test
    void everyLineOfTheIssueParsesIntoItsRecordWithItsLineNumber() throws Exception {
        Scenario s = ScenarioParser.parse("issue", ISSUE);
        List<Step> expected = List.of(
                new Step.Narration(" narration: any line starting with '#'"),
                new Step.Mkdir("/a/b"),
                new Step.Rmdir("/a/b"),
                new Step.Set("/a", "notify_on_release", "1"),
                new Step.Agent("/usr/local/sbin/x", false),
                new Step.Spawn("web", "/a/b"),
                new Step.Exit("web"),
                new Step.Spawn("web", "/a/b"),
                new Step.Move("web", "/c"),
                new Step.Settle(),
                new Step.ExpectReleasable("/a/b", true),
                new Step.ExpectPopulated("/a", true),
                new Step.ExpectAgent(List.of("/a/b", "/c")),
                new Step.ExpectError("EBUSY", new Step.Rmdir("/a")));
        assertEquals(expected, s.lines().stream().map(ScenarioLine::step).toList());
        for (int i = 0; i < s.lines().size(); i++) {
            assertEquals(i + 1, s.lines().get(i).number(), "line of " + s.lines().get(i).step());
        }
        assertEquals(CgroupVersion.V1, s.version());
        assertNull(s.rules());
        assertEquals("narration: any line starting with '#'", s.title());
    }

    @Test
    void theOtherFormsTheIssueNamesParseToo() throws Exception {
        Scenario s = ScenarioParser.parse("others", """
                rules 2007
                hierarchy v2

                agent none
                agent /sbin/cleanup removes
                set /a cgroup.clone_children 1
                expect not releasable /a/b
                expect empty /a
                expect agent none
                expect exists /a
                expect gone /a/b
                expect file /a notify_on_release 1
                expect file /a cgroup.events populated 0
                expect error EINVAL set /a notify_on_release yes
                """);
        assertEquals(ReleaseRules.Y2007, s.rules());
        assertEquals(CgroupVersion.V2, s.version());
        assertEquals(List.of(
                new Step.Agent(null, false),
                new Step.Agent("/sbin/cleanup", true),
                new Step.Set("/a", "cgroup.clone_children", "1"),
                new Step.ExpectReleasable("/a/b", false),
                new Step.ExpectPopulated("/a", false),
                new Step.ExpectAgent(List.of()),
                new Step.ExpectExists("/a", true),
                new Step.ExpectExists("/a/b", false),
                new Step.ExpectFile("/a", "notify_on_release", null, "1"),
                new Step.ExpectFile("/a", "cgroup.events", "populated", "0"),
                new Step.ExpectError("EINVAL", new Step.Set("/a", "notify_on_release", "yes"))),
                s.lines().stream().map(ScenarioLine::step).toList());
        assertEquals(4, s.lines().get(0).number(), "blank and header lines count as lines");
    }

    @Test
    void eachStepPrintsBackAsWrittenWithoutItsComment() throws Exception {
        for (String line : ISSUE.split("\n")) {
            Scenario s = ScenarioParser.parse("one", line.startsWith("exit") || line.startsWith("move")
                    ? "spawn web /a\n" + line : line);
            Step last = s.lines().get(s.lines().size() - 1).step();
            String written = line.startsWith("#") ? line : line.replaceAll("\\s*#.*", "").replaceAll("\\s+", " ");
            assertEquals(written, last.text());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "frobnicate /a | unknown step \"frobnicate\"",
            "mkdir | expected: mkdir PATH",
            "mkdir a/b | it must start with /",
            "mkdir /a/../b | is not a cgroup name",
            "mkdir / | the root of the hierarchy",
            "rmdir /a /b | expected: rmdir PATH",
            "set /a tasks 1 | set writes notify_on_release or cgroup.clone_children",
            "agent sbin/x | absolute path",
            "agent /x /y | optionally followed by \"removes\"",
            "exit web | no process named \"web\" is running",
            "move web /a | no process named \"web\" is running",
            "spawn w@b /a | a process name is",
            "expect | expect what?",
            "expect releasable | expected: expect releasable PATH",
            "expect not populated /a | expected: expect not releasable PATH",
            "expect agent | or \"none\"",
            "expect error EWHAT rmdir /a | unknown errno \"EWHAT\"",
            "expect error EBUSY expect empty /a | not an expect",
            "expect error EBUSY | expected: expect error ERRNO STEP",
            "expect file /a | expected: expect file PATH FILE [KEY] VALUE",
            "expect sideways /a | unknown expectation \"sideways\"",
            "rules 2008 | rules are \"today\" or \"2007\"",
            "hierarchy v3 | a hierarchy is \"v1\" or \"v2\"",
    })
    void aWrongLineIsRefusedNamingItsNumber(String line, String problem) {
        ScenarioSyntaxException e = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("bad.scenario", "# a story\n\n\n" + line + "\nsettle\n"));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().startsWith("bad.scenario line 4: "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void aProcessCannotBeStartedTwiceNorUsedAfterItExited() {
        ScenarioSyntaxException twice = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("s", "spawn a /x\nspawn a /y\n"));
        assertEquals(2, twice.line());
        ScenarioSyntaxException gone = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("s", "spawn a /x\nexit a\nmove a /y\n"));
        assertEquals(3, gone.line());
    }

    @Test
    void aHeaderAfterTheFirstStepIsRefused() {
        ScenarioSyntaxException e = assertThrows(ScenarioSyntaxException.class,
                () -> ScenarioParser.parse("s", "mkdir /a\nrules today\n"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("before the first step"), e.getMessage());
    }
}
