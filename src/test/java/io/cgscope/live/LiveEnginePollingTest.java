package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A watch table too small for the tree (a machine at its inotify limit) is polled, and watched
 * again once the tree fits: the small version of the churn test's polling case, fast enough for
 * the mutation run, which leaves the churn test out.
 */
class LiveEnginePollingTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void aTreeLargerThanTheWatchTableIsPolledThenWatchedAgainOnceItFits() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            for (int i = 0; i < 4; i++) {
                h.mkdir("/p/c" + i);
            }
            Hierarchy hierarchy = h.hierarchy();
            CgroupReader reader = new CgroupReader(hierarchy);
            // 4 watches for the subtree's parent, /p and its 4 children
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/p")), Duration.ofMillis(100), 4)) {
                Recorder r = new Recorder();
                engine.addListener(r);
                engine.start();
                Eventually.awaitEquals("polling once the watch table is full", WatchMode.Kind.POLLING,
                        () -> engine.modes().get(hierarchy).kind());
                assertTrue(engine.modes().get(hierarchy).why().contains("watch limit"), engine.modes().toString());

                // Some of the four have no watch: the tick's reads alone see their changes.
                for (int i = 0; i < 4; i++) {
                    h.write("/p/c" + i, "notify_on_release", "1");
                    h.mkdir("/p/c" + i + "/deep");
                }
                Eventually.await("every deep cgroup seen; got " + r.lines(),
                        () -> IntStream.range(0, 4).allMatch(i -> r.seen(ChangeKind.ADDED, "/p/c" + i + "/deep")));
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, reader, "/p");
                assertEquals(WatchMode.Kind.POLLING, engine.modes().get(hierarchy).kind());

                for (int i = 3; i >= 0; i--) {
                    h.rmdir("/p/c" + i + "/deep");
                    if (i >= 2) { // the parent, /p, /p/c0 and /p/c1: the table exactly full
                        h.rmdir("/p/c" + i);
                    }
                }
                Eventually.awaitEquals("inotify again once every cgroup fits", WatchMode.Kind.INOTIFY,
                        () -> engine.modes().get(hierarchy).kind());
                // Watched again: a change is seen without a tick.
                engine.setPollInterval(Duration.ofHours(1));
                h.mkdir("/p/c0/after");
                Eventually.await("a cgroup made once watched again; got " + r.lines(),
                        () -> r.seen(ChangeKind.ADDED, "/p/c0/after"));
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, reader, "/p");
            }
        }
    }
}
