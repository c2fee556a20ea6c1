package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.Pids;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

/**
 * The hierarchy root's membership is read on a slower cadence than other occupied cgroups
 * (every tenth tick), but it is still followed: a process of the root that exits leaves the
 * engine's root; and an exit in a child cgroup is still seen. How soon is the benchmark's to say.
 */
class LiveEngineRootMembershipTest {
    @Test
    void theRootsProcessesAreStillFollowedAndAChildsExitIsSeen() throws Exception {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        try (PrivateHierarchy h = PrivateHierarchy.mount(); Processes processes = new Processes()) {
            h.mkdir("/job");
            Process inJob = h.startIn("/job");
            Process inRoot = processes.sleeper(); // a new process of the machine lands in the root
            Duration interval = Duration.ofMillis(50);
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")), interval)) {
                engine.start();
                Eventually.await("the root lists the new process", () -> rootProcs(engine).contains((int) inRoot.pid()));

                processes.stop(inRoot);
                Eventually.await("the root drops the exited process", () -> !rootProcs(engine).contains((int) inRoot.pid()));

                h.stop(inJob);
                Eventually.await("/job empties", () -> !engine.current().get(0).get("/job").populated());
            }
        }
    }

    private static Pids rootProcs(LiveEngine engine) {
        return engine.current().get(0).root().procs();
    }
}
