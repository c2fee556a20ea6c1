package io.cgscope.scenario;

import io.cgscope.model.Errno;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner on a target that only records and answers as told. */
class ScenarioRunnerTest {
    private final FakeTarget target = new FakeTarget();

    private RunResult run(String text) throws ScenarioSyntaxException {
        return ScenarioRunner.run(ScenarioParser.parse("test", text), target);
    }

    private static List<Boolean> oks(RunResult r) {
        return r.outcomes().stream().map(StepOutcome::ok).toList();
    }

    @Test
    void eachCommandIsAskedOfTheTargetInOrder() throws Exception {
        RunResult r = run("""
                # a story
                mkdir /a
                set /a notify_on_release 1
                agent /sbin/x removes
                agent none
                spawn web /a
                move web /
                exit web
                rmdir /a
                settle
                """);
        assertEquals(List.of("mkdir /a", "set /a notify_on_release 1", "agent /sbin/x true", "agent null false",
                "spawn web /a", "move web /", "exit web", "rmdir /a", "settle"), target.asked);
        assertTrue(r.allHeld());
        assertEquals(10, r.outcomes().size(), "narration is an outcome too, in its place");
        assertTrue(r.outcomes().get(0).isNarration());
    }

    @Test
    void anExpectationHoldsOrSaysWhatWasFound() throws Exception {
        target.releasable.add("/a");
        target.populated.add("/b");
        target.existing.add("/a");
        RunResult r = run("""
                expect releasable /a
                expect releasable /b
                expect not releasable /b
                expect not releasable /a
                expect populated /b
                expect populated /a
                expect empty /a
                expect empty /b
                expect exists /a
                expect gone /a
                """);
        assertEquals(List.of(true, false, true, false, true, false, true, false, true, false), oks(r));
        assertEquals("but /b is not releasable", r.outcomes().get(1).message());
        assertEquals("but /a is releasable", r.outcomes().get(3).message());
        assertEquals("but /a is empty", r.outcomes().get(5).message());
        assertEquals("but /b is populated", r.outcomes().get(7).message());
        assertEquals("but /a exists", r.outcomes().get(9).message());
        assertEquals(8, r.failures() + 3, "five failed");
    }

    @Test
    void expectAgentComparesTheCallsSinceThePreviousOneInAnyOrder() throws Exception {
        target.callsOnStep.put("exit a", List.of("/x"));
        target.callsOnStep.put("settle", List.of("/y", "/x"));
        RunResult r = run("""
                spawn a /x
                exit a
                settle
                expect agent /x /x /y
                expect agent none
                settle
                expect agent /x
                """);
        assertEquals(List.of(true, true, true, true, true, true, false), oks(r));
        assertEquals(List.of("/x"), r.outcomes().get(1).agentCalls(), "the calls are told with the step they came with");
        assertEquals(List.of("/y", "/x"), r.outcomes().get(2).agentCalls());
        assertEquals("but the agent was called with /x /y", r.outcomes().get(6).message());
    }

    @Test
    void expectAgentNoneFailsWhenTheAgentRan() throws Exception {
        target.callsOnStep.put("rmdir /a/b", List.of("/a"));
        RunResult r = run("rmdir /a/b\nexpect agent none\n");
        assertFalse(r.outcomes().get(1).ok());
        assertEquals("but the agent was called with /a", r.outcomes().get(1).message());
    }

    @Test
    void expectErrorHoldsOnlyForThatErrno() throws Exception {
        target.refusals.put("rmdir /busy", Errno.EBUSY);
        target.refusals.put("rmdir /gone", Errno.ENOENT);
        RunResult r = run("""
                expect error EBUSY rmdir /busy
                expect error EBUSY rmdir /gone
                expect error EBUSY rmdir /fine
                """);
        assertEquals(List.of(true, false, false), oks(r));
        assertEquals("refused with EBUSY, as expected", r.outcomes().get(0).message());
        assertEquals("refused with ENOENT, not EBUSY: refused: No such file or directory", r.outcomes().get(1).message());
        assertEquals("it was done; expected a refusal with EBUSY", r.outcomes().get(2).message());
        assertEquals(List.of("rmdir /busy", "rmdir /gone", "rmdir /fine"), target.asked);
    }

    @Test
    void aRefusedCommandFailsItsLineAndTheRunGoesOn() throws Exception {
        target.refusals.put("rmdir /a", Errno.EBUSY);
        List<StepOutcome> seen = new ArrayList<>();
        RunResult r = ScenarioRunner.run(ScenarioParser.parse("t", "rmdir /a\nmkdir /b\n"), target, seen::add);
        assertEquals(List.of(false, true), oks(r));
        assertEquals("refused with EBUSY: refused: Device or resource busy", r.outcomes().get(0).message());
        assertEquals(r.outcomes(), seen, "each outcome is handed on as it is known");
        assertFalse(r.allHeld());
    }

    @Test
    void expectFileReadsAFlagOrOneKey() throws Exception {
        target.files.put("/a notify_on_release", "1\n");
        target.files.put("/a cgroup.events", "populated 0\nfrozen 0\n");
        RunResult r = run("""
                expect file /a notify_on_release 1
                expect file /a notify_on_release 0
                expect file /a cgroup.events populated 0
                expect file /a cgroup.events frozen 1
                expect file /a cgroup.events stale 1
                expect file /a cgroup.procs 1
                """);
        assertEquals(List.of(true, false, true, false, false, false), oks(r));
        assertEquals("but notify_on_release reads 1", r.outcomes().get(1).message());
        assertEquals("but cgroup.events frozen reads 0", r.outcomes().get(3).message());
        assertEquals("but cgroup.events stale is not there", r.outcomes().get(4).message());
        assertEquals("refused with ENOENT: no such file", r.outcomes().get(5).message());
    }
}
