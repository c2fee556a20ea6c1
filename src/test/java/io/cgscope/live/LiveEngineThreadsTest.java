package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Field;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThreadedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The live engine follows threads, not only processes: threads join and leave a v1 cgroup
 * without any inotify event (a new thread joins its creator's cgroup, an ending thread leaves),
 * so the poller must read {@code tasks}; and a cgroup whose last thread ends is released by the
 * kernel even though the thread's process lives on in another cgroup.
 */
class LiveEngineThreadsTest {
    private static final Duration TICK = Duration.ofMillis(200);

    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();
    private final Recorder r = new Recorder();

    @Test
    void theLastThreadOfACgroupEndingReleasesItWhileItsProcessLivesOnElsewhere() throws Exception {
        Path log = mounted.get().installLoggingAgent();
        mounted.get().mkdir("/t/home");
        mounted.get().mkdir("/t/lone");
        mounted.get().write("/t/lone", "notify_on_release", "1");
        ThreadedProcess p = mounted.get().startThreadedIn("/t/home");
        int tid = p.startThread();
        mounted.get().moveThreadInto(tid, "/t/lone");
        try (LiveEngine engine = new LiveEngine(List.of(new Target(mounted.get().hierarchy(), "/t")), TICK)) {
            engine.addListener(r);
            Snapshot initial = engine.start().get(0);
            assertEquals(List.of(tid), initial.get("/t/lone").threads().asList());
            assertFalse(initial.get("/t/lone").releasable(), initial.get("/t/lone").reason());

            p.endThread(tid);

            Eventually.await("the kernel ran the agent for /t/lone", () -> PrivateHierarchy.released(log).contains("/t/lone"));
            Eventually.await("released /t/lone; got " + r.lines(), () -> r.seen(ChangeKind.RELEASED, "/t/lone"));
            assertEquals(List.of("/t/lone"), PrivateHierarchy.released(log), "the kernel released only /t/lone");
            assertEquals(List.of("/t/lone"), r.released(), "the engine reports exactly the kernel's releases");
            Cgroup home = engine.current().get(0).get("/t/home");
            assertEquals(List.of(p.pid()), home.procs().asList(), "the process lives on in /t/home");
            assertTrue(p.process().isAlive());
        }
    }

    @Test
    void aNewThreadOfAWatchedProcessJoinsItsCgroupsThreadsAndLeavesThemWhenItEnds() throws Exception {
        mounted.get().mkdir("/t/w");
        ThreadedProcess p = mounted.get().startThreadedIn("/t/w");
        try (LiveEngine engine = new LiveEngine(List.of(new Target(mounted.get().hierarchy(), "/t")), TICK)) {
            engine.addListener(r);
            Cgroup before = engine.start().get(0).get("/t/w");
            assertTrue(before.threads().contains(p.commandThread()), before.threads().toString());

            int tid = p.startThread();
            Change joined = awaitThreadsChange("thread " + tid + " joins /t/w",
                    c -> !c.before().threads().contains(tid) && c.after().threads().contains(tid));
            assertFalse(joined.fields().contains(Field.PROCS), "the process list did not change: " + joined.fields());
            assertTrue(engine.current().get(0).get("/t/w").threads().contains(tid));

            p.endThread(tid);
            Change left = awaitThreadsChange("thread " + tid + " leaves /t/w",
                    c -> c.before().threads().contains(tid) && !c.after().threads().contains(tid));
            assertFalse(left.fields().contains(Field.PROCS), "the process list did not change: " + left.fields());
            Cgroup after = engine.current().get(0).get("/t/w");
            assertFalse(after.threads().contains(tid), after.threads().toString());
            assertEquals(List.of(p.pid()), after.procs().asList());
        }
    }

    /** Waits for a {@code changed} event of /t/w that names {@code threads} and meets {@code what}. */
    private Change awaitThreadsChange(String description, Predicate<Change> what) {
        Predicate<Change> threadsOfW = c -> c.kind() == ChangeKind.CHANGED && "/t/w".equals(c.path())
                && c.fields().contains(Field.THREADS) && c.before().threads() != null && c.after().threads() != null;
        try {
            Eventually.await(description, () -> r.changes().stream().anyMatch(threadsOfW.and(what)));
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; the events were " + r.lines(), timedOut);
        }
        return r.changes().stream().filter(threadsOfW.and(what)).findFirst().orElseThrow();
    }
}
