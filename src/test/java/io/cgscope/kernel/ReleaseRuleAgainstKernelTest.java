package io.cgscope.kernel;

import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The releasable rule checked against the kernel's own decision: a logging release agent records
 * every path the kernel releases, and right after each transition (last task gone, last child
 * removed) the reader must call releasable exactly the cgroups the kernel released.
 */
class ReleaseRuleAgainstKernelTest {
    private PrivateHierarchy h;
    private Path log;
    private CgroupReader reader;

    @BeforeEach
    void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        h = PrivateHierarchy.mount();
        log = h.installLoggingAgent();
        reader = new CgroupReader(h.hierarchy());
    }

    @AfterEach
    void unmount() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void theReaderCallsReleasableWhatTheKernelReleases() throws IOException {
        for (String path : List.of("/app", "/app/web", "/app/db", "/jobs", "/jobs/j1", "/quiet", "/never")) {
            h.mkdir(path);
        }
        for (String path : List.of("/app", "/app/web", "/app/db", "/jobs", "/jobs/j1", "/never")) {
            h.write(path, "notify_on_release", "1");
        }
        Process web = h.startIn("/app/web");
        Process j1 = h.startIn("/jobs/j1");
        Process quiet = h.startIn("/quiet");
        Set<String> expected = new LinkedHashSet<>();
        List<String> judgedReleasable = new ArrayList<>();
        List<String> judgedNot = new ArrayList<>();

        // The last task of a cgroup exits: the kernel releases it.
        h.stop(web);
        expected.add("/app/web");
        judge(expected, judgedReleasable, judgedNot, "/app/web");

        // notify_on_release 0: the task exits, nothing is released.
        h.stop(quiet);
        judge(expected, judgedReleasable, judgedNot, "/quiet");

        // A parent that still has a child is not released when one child goes.
        h.rmdir("/app/db");
        judge(expected, judgedReleasable, judgedNot, "/app");

        // Its last child goes: now the parent is released.
        h.rmdir("/app/web");
        expected.add("/app");
        judge(expected, judgedReleasable, judgedNot, "/app");

        // The last task is moved out to the root rather than exiting: released too.
        h.moveInto(j1, "/");
        expected.add("/jobs/j1");
        judge(expected, judgedReleasable, judgedNot, "/jobs/j1");

        assertEquals(List.of("/app/web", "/app", "/jobs/j1"), judgedReleasable);
        assertEquals(List.of("/quiet", "/app"), judgedNot);
        // /never meets the rule but never had a task or child: the kernel never looked at it.
        Snapshot end = reader.read();
        assertTrue(end.get("/never").releasable());
        assertTrue(end.get("/never").reason().contains("never for a cgroup that had neither"));
        assertFalse(PrivateHierarchy.released(log).contains("/never"));
        assertEquals(expected, Set.copyOf(PrivateHierarchy.released(log)));
    }

    /**
     * Waits until the kernel has released what is expected so far, then checks that the reader's
     * verdict on {@code path} agrees with whether the kernel released it.
     */
    private void judge(Set<String> expected, List<String> releasable, List<String> not, String path) throws IOException {
        Eventually.await("the kernel to release " + expected,
                () -> Set.copyOf(released()).equals(expected) && reader.readFiles(path).map(f -> f.taskCount() == 0)
                        .orElse(true));
        Snapshot s = reader.read();
        boolean kernelReleased = released().contains(path) && expected.contains(path);
        boolean readerSays = s.get(path) != null && s.get(path).releasable();
        assertEquals(kernelReleased, readerSays, path + ": the reader says " + (s.get(path) == null ? "gone"
                : s.get(path).reason()) + ", the kernel released " + released());
        (readerSays ? releasable : not).add(path);
    }

    private List<String> released() {
        return PrivateHierarchy.released(log);
    }
}
