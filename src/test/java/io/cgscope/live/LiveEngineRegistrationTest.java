package io.cgscope.live;

import io.cgscope.host.ChangeListener;
import io.cgscope.host.WatchProgress;
import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine returns from its start once the cgroups are read and registers their watches
 * afterwards. Whatever changes meanwhile deep inside the subtrees not yet registered (a cgroup
 * made two levels down, one removed, a flag written, a task's exit) is not missed: the cgroup is
 * read again once its watch exists, and until then the poller reads it. The registration is held
 * through the engine's own seam, so the tests do not depend on how fast it runs.
 */
class LiveEngineRegistrationTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    /** Every batch delivered, from before the start on. */
    private static final class Batches implements ChangeListener {
        final List<ChangeBatch> received = new CopyOnWriteArrayList<>();
        final List<WatchProgress> progress = new CopyOnWriteArrayList<>();

        @Override
        public void onBatch(ChangeBatch batch) {
            received.add(batch);
        }

        @Override
        public void onWatchProgress(WatchProgress p) {
            progress.add(p);
        }

        /** {@code initial} with every batch so far applied, as a consumer holds it. */
        Map<String, Cgroup> applied(Snapshot initial) {
            Map<String, Cgroup> state = new HashMap<>(initial.byPath());
            for (ChangeBatch b : received) {
                for (Change c : b.changes()) {
                    if (c.kind() == ChangeKind.REMOVED) {
                        state.remove(c.path());
                    } else {
                        state.put(c.path(), c.after());
                    }
                }
            }
            return state;
        }
    }

    /** Four slices of 3 groups of 4 leaves under /t: 64 cgroups and /t. */
    private static int buildTree(PrivateHierarchy h) throws Exception {
        int made = 0;
        for (int s = 0; s < 4; s++) {
            for (int g = 0; g < 3; g++) {
                for (int l = 0; l < 4; l++) {
                    h.mkdir("/t/s" + s + "/g" + g + "/l" + l);
                    made++;
                }
                made++;
            }
            made++;
        }
        return made + 1;
    }

    /** The changes, each deep inside a subtree that has no watch yet. */
    private static void changeDeepInside(PrivateHierarchy h, Process sleeper) throws Exception {
        h.mkdir("/t/s0/g1/l2/new/deeper");
        h.rmdir("/t/s1/g2/l3");
        h.write("/t/s2/g0/l1", "notify_on_release", "1");
        h.write("/t/s3/g2", "cgroup.clone_children", "1");
        h.stop(sleeper); // its task leaves /t/s3/g1/l0, which no inotify event says
    }

    @Test
    void changesMadeBeforeTheWatchesExistAreReadOnceTheyDo() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            int size = buildTree(h);
            Process sleeper = h.startIn("/t/s3/g1/l0");
            Hierarchy hierarchy = h.hierarchy();
            // No poll tick within the test and no process events: only the read after each
            // cgroup's registration can see what changes while the registration is held.
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/t")), Duration.ofHours(1))
                    .withTaskEvents(false)) {
                Batches batches = new Batches();
                engine.addListener(batches);
                engine.pauseRegistrations(true);
                Snapshot initial = engine.start().get(0);
                assertEquals(size, initial.size());
                assertTrue(initial.byPath().get("/t/s3/g1/l0").files().hasOwnTasks(), "the sleeper's cgroup as read first");
                assertEquals(new WatchProgress(0, size), engine.watchProgress(), "nothing watched yet");

                changeDeepInside(h, sleeper);
                engine.pauseRegistrations(false);

                Eventually.awaitEquals("every cgroup watched", true, () -> engine.watchProgress().done());
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, new CgroupReader(hierarchy), "/t");
                Map<String, Cgroup> fresh = new CgroupReader(hierarchy).read("/t").byPath();
                Eventually.awaitEquals("a consumer of the batches holds the kernel's tree", fresh,
                        () -> batches.applied(initial));
                int watchedAtEnd = fresh.size();
                Eventually.awaitEquals("the listener told the end of the registration",
                        new WatchProgress(watchedAtEnd, watchedAtEnd),
                        () -> batches.progress.isEmpty() ? null : batches.progress.get(batches.progress.size() - 1));
            }
        }
    }

    @Test
    void thePollerReadsTheCgroupsThatWaitForTheirWatch() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            int size = buildTree(h);
            Process sleeper = h.startIn("/t/s3/g1/l0");
            Hierarchy hierarchy = h.hierarchy();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/t")), Duration.ofMillis(100))
                    .withTaskEvents(false)) {
                Batches batches = new Batches();
                engine.addListener(batches);
                engine.pauseRegistrations(true);
                Snapshot initial = engine.start().get(0);
                assertEquals(size, initial.size());

                changeDeepInside(h, sleeper);

                // Still held: no cgroup has a watch, the poller's reads alone find the changes.
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, new CgroupReader(hierarchy), "/t");
                Map<String, Cgroup> fresh = new CgroupReader(hierarchy).read("/t").byPath();
                Eventually.awaitEquals("a consumer of the batches holds the kernel's tree", fresh,
                        () -> batches.applied(initial));
                assertEquals(0, engine.watchProgress().watched(), "the registration was held throughout");

                engine.pauseRegistrations(false);
                Eventually.awaitEquals("every cgroup watched", true, () -> engine.watchProgress().done());
                h.mkdir("/t/s2/g2/l3/after");
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, new CgroupReader(hierarchy), "/t");
            }
        }
    }
}
