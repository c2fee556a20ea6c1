package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.V2Sandbox;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mkdir, rmdir, attach and exit on the real kernel give exactly the expected events. */
class LiveEngineEventsTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    /** Waits for the step's last event, so each step's events are in before the next step starts. */
    private static void step(Recorder r, List<String> expected, String... lines) {
        expected.addAll(List.of(lines));
        String last = lines[lines.length - 1];
        Eventually.await("the event '" + last + "'; got so far " + r.lines(), () -> r.lines().contains(last)
                && r.lines().size() >= expected.size());
    }

    @Test
    void v1SequenceGivesExactEventsAndReleasedMatchesTheKernelsAgent() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            Path log = h.installLoggingAgent();
            h.mkdir("/t");
            h.write("/t", "notify_on_release", "1");
            Recorder r = new Recorder();
            List<String> expected = new ArrayList<>();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")),
                    Duration.ofMillis(200))) {
                engine.addListener(r);
                List<Snapshot> initial = engine.start();
                assertTrue(initial.get(0).get("/t").releasable(), "idle /t with notify_on_release 1 is releasable");

                h.mkdir("/t/a");
                step(r, expected, "/t changed [children]", "/t unreleasable", "/t/a added", "/t/a releasable");

                Process p = h.startIn("/t/a");
                step(r, expected, "/t changed [populated]", "/t/a changed [procs,threads,populated]",
                        "/t/a unreleasable");

                h.stop(p);
                step(r, expected, "/t changed [populated]", "/t emptied",
                        "/t/a changed [procs,threads,populated]", "/t/a emptied", "/t/a releasable", "/t/a released");

                h.rmdir("/t/a");
                step(r, expected, "/t/a removed", "/t changed [children]", "/t releasable", "/t released");

                // notify_on_release 0: losing the last task releases nothing.
                h.mkdir("/t/b");
                step(r, expected, "/t changed [children]", "/t unreleasable", "/t/b added", "/t/b releasable");
                h.write("/t/b", "notify_on_release", "0");
                step(r, expected, "/t/b changed [notify_on_release]", "/t/b unreleasable");
                Process q = h.startIn("/t/b");
                step(r, expected, "/t changed [populated]", "/t/b changed [procs,threads,populated]");
                h.stop(q);
                step(r, expected, "/t changed [populated]", "/t emptied",
                        "/t/b changed [procs,threads,populated]", "/t/b emptied");
                // Written to 1 while idle: releasable, but the kernel runs no agent.
                h.write("/t/b", "notify_on_release", "1");
                step(r, expected, "/t/b changed [notify_on_release]", "/t/b releasable");

                Eventually.await("the kernel's agent ran twice", () -> PrivateHierarchy.released(log).size() >= 2);
                assertEquals(expected, r.lines());
                assertEquals(new TreeSet<>(PrivateHierarchy.released(log)), new TreeSet<>(r.released()),
                        "released events are exactly the kernel's release agent calls");
                assertEquals(List.of("/t/a", "/t"), r.released());
            }
        }
    }

    @Test
    void aMoveOutOfACgroupByWritingAnotherCgroupsFileIsSeenByThePoller() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            Path log = h.installLoggingAgent();
            h.mkdir("/t/from");
            h.mkdir("/t/to");
            h.write("/t/from", "notify_on_release", "1");
            Process p = h.startIn("/t/from");
            Recorder r = new Recorder();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")),
                    Duration.ofMillis(200))) {
                engine.addListener(r);
                engine.start();
                h.moveInto(p, "/t/to");
                Eventually.await("/t/from released", () -> r.seen(ChangeKind.RELEASED, "/t/from"));
                Eventually.await("the kernel released /t/from", () -> PrivateHierarchy.released(log).contains("/t/from"));
                assertEquals(Set.copyOf(PrivateHierarchy.released(log)), Set.copyOf(r.released()));
                assertTrue(engine.current().get(0).get("/t/to").procs().contains((int) p.pid()));
            }
        }
    }

    @Test
    void aCgroupRemovedAndMadeAgainAtOnceIsWatchedAgain() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/t/r");
            Recorder r = new Recorder();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")))) {
                engine.addListener(r);
                engine.start();
                for (int i = 0; i < 20; i++) {
                    h.rmdir("/t/r");
                    h.mkdir("/t/r");
                }
                h.mkdir("/t/r/child");
                Eventually.await("the new /t/r is watched: its child is seen; got " + r.lines(),
                        () -> r.seen(ChangeKind.ADDED, "/t/r/child"));
                h.write("/t/r", "notify_on_release", "1");
                Eventually.await("a write to the new /t/r is seen",
                        () -> r.lines().contains("/t/r changed [notify_on_release]"));
            }
        }
    }

    @Test
    void v2TaskExitGivesEmptiedForTheCgroupAndItsAncestor() throws Exception {
        Assumptions.assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount here; skipped");
        try (V2Sandbox s = V2Sandbox.create()) {
            String child = s.path() + "/c";
            s.mkdir(child);
            Recorder r = new Recorder();
            // The default interval: inotify usually tells the exit at once (the benchmark measures
            // how fast), but the kernel sends a cgroup.events change only while that file's inode
            // is cached, so the poller's tick and the re-read of ancestors are part of the promise.
            try (LiveEngine engine = new LiveEngine(List.of(new Target(s.hierarchy(), s.path())),
                    LiveEngine.DEFAULT_INTERVAL)) {
                engine.addListener(r);
                engine.start();
                Process p = s.startIn(child);
                Eventually.await("populated", () -> engine.current().get(0).get(child).populated()
                        && engine.current().get(0).get(s.path()).populated());
                s.stop(p);
                Eventually.await("emptied of " + child + "; got " + r.lines(),
                        () -> r.seen(ChangeKind.EMPTIED, child) && r.seen(ChangeKind.EMPTIED, s.path()));
                assertFalse(engine.current().get(0).get(s.path()).populated());
            }
        }
    }
}
