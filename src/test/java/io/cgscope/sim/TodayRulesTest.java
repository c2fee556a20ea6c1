package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Today's rules, the table of kernel-semantics.md "When the release agent runs". */
class TodayRulesTest {
    private final SimTarget sim = new SimTarget(ReleaseRules.TODAY);

    TodayRulesTest() throws IOException {
        sim.agent("/sbin/agent", false);
        sim.mkdir("/a");
        sim.mkdir("/b");
    }

    @Test
    void aCgroupThatNeverHadATaskIsNeverReleased() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.settle();
        assertTrue(sim.releasable("/a"), "it meets the rule");
        assertEquals(List.of(), sim.takeAgentCalls(), "but nothing made the kernel check it");
    }

    @Test
    void theLastTaskExitingReleasesIt() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.spawn("v", "/a");
        sim.exit("w");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
        sim.exit("v");
        assertEquals(List.of("/a"), sim.takeAgentCalls(), "called at the end of the step, as the kernel calls it within moments");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
    }

    @Test
    void notifyZeroNeverReleases() throws IOException {
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.mkdir("/a/c");
        sim.rmdir("/a/c");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
        assertFalse(sim.releasable("/a"));
    }

    @Test
    void movingTheLastTaskOutReleases() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.move("w", "/b");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls());
    }

    @Test
    void theParentIsReleasedAtItsLastChildsRmdir() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.mkdir("/a/c");
        sim.mkdir("/a/d");
        sim.rmdir("/a/c");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls(), "a parent that still has a child");
        sim.rmdir("/a/d");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls());
    }

    @Test
    void theEmptiedAncestorWithAChildIsNotReleased() throws IOException {
        sim.set("/a", "notify_on_release", "1");
        sim.mkdir("/a/c");
        sim.spawn("w", "/a/c");
        sim.exit("w");
        sim.settle();
        assertEquals(List.of("/a/c"), sim.takeAgentCalls());
    }

    @Test
    void theCleaningAgentRemovesTheCgroupAndTheRmdirReleasesTheParent() throws IOException {
        sim.agent("/sbin/agent", true);
        sim.set("/a", "notify_on_release", "1");
        sim.mkdir("/a/c");
        sim.spawn("w", "/a/c");
        sim.exit("w");
        sim.settle();
        assertEquals(Set.of("/a/c", "/a"), Set.copyOf(sim.takeAgentCalls()));
        assertTrue(sim.kernel().files(sim.kernel().v1(), "/a").isEmpty(), "both removed by the agent");
    }

    @Test
    void aTaskJoiningBeforeTheAgentsRmdirKeepsTheCgroup() throws IOException {
        sim.agent("/sbin/agent", true);
        List<AgentRemoval> removals = new java.util.ArrayList<>();
        sim.kernel().addListener(new SimListener() {
            @Override
            public void changed() {
            }

            @Override
            public void agentRemoved(AgentRemoval removal) {
                removals.add(removal);
            }
        });
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.spawn("v", "/a");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls(), "the work item does not look again");
        assertEquals(1, removals.size());
        assertTrue(removals.get(0).refusal().contains("(EBUSY)"), removals.get(0).refusal());
        assertTrue(sim.populated("/a"), "the cgroup lives on with its new task");
    }

    @Test
    void aCgroupRemovedAfterItsReleaseStillHasItsAgentCalled() throws IOException {
        sim.kernel().setTiming(SimKernel.Timing.ON_SETTLE); // the work waits until after the rmdir
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.rmdir("/a");
        sim.settle();
        assertEquals(List.of("/a"), sim.takeAgentCalls(), "an rmdir does not cancel today's work item");
    }

    @Test
    void withoutAnAgentNothingIsCalled() throws IOException {
        sim.agent(null, false);
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.settle();
        assertEquals(List.of(), sim.takeAgentCalls());
    }
}
