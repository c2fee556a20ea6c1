package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeKind;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.ThreadedProcess;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With the kernel's process events, a release is seen without waiting for a poll: each engine
 * here polls once an hour, so only the events can tell it that a task exited. The kernel's own
 * agent calls (a logging agent) say what was released.
 */
class LiveEngineTaskEventsTest {
    /** Longer than any test: the poller never runs. */
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();
    private final Recorder r = new Recorder();

    @BeforeEach
    void asRoot() {
        assumeTrue(Privileges.current().canWriteReleaseAgent(), "the process events take CAP_NET_ADMIN: run as root");
    }

    private LiveEngine engine() throws IOException {
        LiveEngine engine = new LiveEngine(List.of(new Target(mounted.get().hierarchy(), "/t")), NEVER);
        engine.addListener(r);
        engine.start();
        return engine;
    }

    @Test
    void theLastProcessExitingIsReleasedWithoutAPoll() throws Exception {
        PrivateHierarchy h = mounted.get();
        Path log = h.installLoggingAgent();
        h.mkdir("/t/job");
        h.write("/t/job", "notify_on_release", "1");
        Process p = h.startIn("/t/job");
        try (LiveEngine engine = engine()) {
            assertTrue(engine.modes().values().iterator().next().why().contains("kernel's process events"),
                    engine.modes().toString());
            h.stop(p);

            Eventually.await("the kernel ran the agent for /t/job", () -> PrivateHierarchy.released(log).contains("/t/job"));
            Eventually.await("released /t/job; got " + r.lines(), () -> r.seen(ChangeKind.RELEASED, "/t/job"));
        }
    }

    @Test
    void theLastThreadEndingIsReleasedWithoutAPollWhileItsProcessLivesOn() throws Exception {
        PrivateHierarchy h = mounted.get();
        Path log = h.installLoggingAgent();
        h.mkdir("/t/home");
        h.mkdir("/t/lone");
        h.write("/t/lone", "notify_on_release", "1");
        ThreadedProcess p = h.startThreadedIn("/t/home");
        int tid = p.startThread();
        h.moveThreadInto(tid, "/t/lone");
        try (LiveEngine engine = engine()) {
            p.endThread(tid);

            Eventually.await("the kernel ran the agent for /t/lone", () -> PrivateHierarchy.released(log).contains("/t/lone"));
            Eventually.await("released /t/lone; got " + r.lines(), () -> r.seen(ChangeKind.RELEASED, "/t/lone"));
            assertEquals(List.of("/t/lone"), r.released());
        }
    }

    @Test
    void aTaskThatJoinsAndExitsBeforeAnyPollIsSeenComingAndGoing() throws Exception {
        PrivateHierarchy h = mounted.get();
        Path log = h.installLoggingAgent();
        h.mkdir("/t/brief");
        h.write("/t/brief", "notify_on_release", "1");
        try (LiveEngine engine = engine()) {
            // the shell moves itself in, then runs a short sleep in its place (exec: the same task)
            Process p = new ProcessBuilder("sh", "-c", "echo $$ > \"$1\"/cgroup.procs && exec sleep 0.3", "sh",
                    h.pathOf("/t/brief").toString()).start();
            assertEquals(0, p.waitFor(), "the shell joined /t/brief");

            Eventually.await("the kernel ran the agent for /t/brief", () -> PrivateHierarchy.released(log).contains("/t/brief"));
            Eventually.await("released /t/brief; got " + r.lines(), () -> r.seen(ChangeKind.RELEASED, "/t/brief"));
        }
    }

    @Test
    void aTaskBornInACgroupIsSeenThereWithoutAPoll() throws Exception {
        PrivateHierarchy h = mounted.get();
        h.mkdir("/t/w");
        ThreadedProcess p = h.startThreadedIn("/t/w");
        try (LiveEngine engine = engine()) {
            int tid = p.startThread(); // born of a thread in /t/w: no write, no inotify event

            Eventually.await("thread " + tid + " in /t/w; got " + r.lines(),
                    () -> engine.current().get(0).get("/t/w").threads().contains(tid));
        }
    }

    @Test
    void withoutProcessEventsTheModeSaysTasksArePolled() throws Exception {
        mounted.get().mkdir("/t");
        try (LiveEngine engine = new LiveEngine(List.of(new Target(mounted.get().hierarchy(), "/t")), NEVER)
                .withTaskEvents(false)) {
            engine.start();
            WatchMode mode = engine.modes().values().iterator().next();
            assertEquals(WatchMode.Kind.INOTIFY, mode.kind());
            assertTrue(mode.why().contains("task membership of occupied cgroups polled (process events not followed)"),
                    mode.why());
        }
    }
}
