package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeKind;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A task moved away from a v1 cgroup by a write to another cgroup's file: inotify reports the
 * write on the cgroup it joined, never on the one it left. The engine follows the newcomer back
 * to where it was listed, so the cgroup it left, emptied, is released without waiting for a poll
 * (each engine here polls once an hour), with or without the kernel's process events.
 */
class LiveEngineMovesTest {
    private static final Duration NEVER = Duration.ofHours(1);

    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();
    private final Recorder r = new Recorder();

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aCgroupEmptiedByAMoveIsReleasedWithoutAPoll(boolean taskEvents) throws Exception {
        PrivateHierarchy h = mounted.get();
        Path log = h.installLoggingAgent();
        h.mkdir("/t/from");
        h.mkdir("/t/to");
        h.write("/t/from", "notify_on_release", "1");
        Process p = h.startIn("/t/from");
        try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/t")), NEVER).withTaskEvents(taskEvents)) {
            engine.addListener(r);
            engine.start();

            h.moveInto(p, "/t/to");

            Eventually.await("the kernel ran the agent for /t/from", () -> PrivateHierarchy.released(log).contains("/t/from"));
            Eventually.await("released /t/from; got " + r.lines(), () -> r.seen(ChangeKind.RELEASED, "/t/from"));
            assertEquals(List.of((int) p.pid()), engine.current().get(0).get("/t/to").procs().asList());
        }
    }
}
