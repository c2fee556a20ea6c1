package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 2007 rules against cases worked by hand from the commit's code: {@code attach_task},
 * {@code __release_css_set}, {@code cgroup_rmdir}, {@code check_for_release} and the write to
 * {@code notify_on_release} in {@code cgroup_common_file_write}.
 */
class Rules2007Test {
    private final SimTarget sim = new SimTarget(ReleaseRules.Y2007);

    Rules2007Test() throws IOException {
        sim.agent("/sbin/agent", false);
        sim.mkdir("/a");
        sim.mkdir("/b");
    }

    @Test
    void anExitWithNotifySetsTheBitAndCallsTheAgent() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        assertFalse(sim.releasable("/a"), "a new cgroup's bit is clear");
        sim.exit("w");
        assertTrue(sim.releasable("/a"));
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls());
        assertTrue(sim.releasable("/a"), "the agent's call clears nothing");
    }

    @Test
    void aWriteToNotifyOnReleaseClearsTheBitWhateverIsWritten() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        assertTrue(sim.releasable("/a"));
        sim.set("/a", "notify_on_release", "1");
        assertFalse(sim.releasable("/a"), "writing the same 1 again clears it");
    }

    @Test
    void anExitWithNotifyZeroLeavesTheBitClear() throws IOException {
        sim.spawn("w", "/a");
        sim.exit("w");
        assertFalse(sim.releasable("/a"));
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
    }

    @Test
    void aMoveOutSetsTheBitEvenWithNotifyZeroAndCallsNoAgent() throws IOException {
        sim.spawn("w", "/a");
        sim.move("w", "/b");
        assertTrue(sim.releasable("/a"), "attach_task sets it on the old cgroup whatever notify says");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls(), "check_for_release needs notify_on_release");
    }

    @Test
    void releasableReadsOneWhileTheCgroupIsPopulatedAgain() throws IOException {
        sim.spawn("w", "/a");
        sim.move("w", "/b");
        sim.move("w", "/a");
        assertTrue(sim.populated("/a"));
        assertTrue(sim.releasable("/a"), "nothing but a write to notify_on_release clears the bit");
    }

    @Test
    void aCgroupIsQueuedOnceUntilItsWorkRuns() throws IOException {
        sim.kernel().setTiming(SimKernel.Timing.ON_SETTLE); // the work waits, so that the list shows
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.spawn("v", "/a");
        sim.exit("v");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls(), "already on release_list: not queued again");
        sim.spawn("x", "/a");
        sim.exit("x");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls(), "off the list once the work ran: queued again");
    }

    @Test
    void anRmdirTakesTheCgroupOffTheReleaseList() throws IOException {
        sim.kernel().setTiming(SimKernel.Timing.ON_SETTLE); // the work waits, so that the list shows
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        assertTrue(sim.kernel().queued(sim.kernel().v1(), "/a"));
        sim.rmdir("/a");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
    }

    @Test
    void aChildsRmdirSetsTheParentsBitAndReleasesItWithNotify() throws IOException {
        sim.mkdir("/a/c");
        sim.rmdir("/a/c");
        assertTrue(sim.releasable("/a"), "set on the parent whatever notify says");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());

        sim.set("/b", "notify_on_release", "1");
        sim.mkdir("/b/c");
        sim.rmdir("/b/c");
        sim.settle();
        assertEquals(List.of("/b"), sim.takeAgentCalls());
    }

    @Test
    void theBitAloneReleasesNothingWhileATaskIsAttached() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.spawn("v", "/a");
        sim.exit("w");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
        assertFalse(sim.releasable("/a"), "an exit sets the bit only when the count falls to zero");
    }
}
