package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where today's rules and the 2007 code part on the release list, the real kernel decides: a
 * cgroup removed right after its last task exited still has its agent called, so today's rules
 * of the simulator do not take it off the list as the 2007 {@code cgroup_rmdir} did.
 */
class TodayReleaseAgainstKernelTest {
    private PrivateHierarchy real;

    @BeforeEach
    void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        real = PrivateHierarchy.mount();
    }

    @AfterEach
    void unmount() {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void aCgroupRemovedRightAfterItsReleaseHasItsAgentCalledOnBoth() throws IOException {
        Path log = real.installLoggingAgent();
        real.mkdir("/a");
        real.write("/a", "notify_on_release", "1");
        real.stop(real.startIn("/a"));
        Eventually.await("the task gone from /a", () -> {
            try {
                return Files.readString(real.pathOf("/a").resolve("tasks")).isBlank();
            } catch (IOException e) {
                return false;
            }
        });
        real.rmdir("/a");
        Eventually.awaitEquals("the kernel's agent calls", List.of("/a"), () -> PrivateHierarchy.released(log));

        SimTarget sim = new SimTarget(ReleaseRules.TODAY);
        sim.kernel().setTiming(SimKernel.Timing.ON_SETTLE); // the rmdir comes before the work runs
        sim.agent("/sbin/agent", false);
        sim.mkdir("/a");
        sim.set("/a", "notify_on_release", "1");
        sim.spawn("w", "/a");
        sim.exit("w");
        sim.rmdir("/a");
        sim.settle();
        assertEquals(PrivateHierarchy.released(log), sim.takeAgentCalls());
    }
}
