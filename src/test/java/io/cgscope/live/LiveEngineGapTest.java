package io.cgscope.live;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Field;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine reports a new cgroup before it watches it. Whatever is made or written inside the
 * cgroup between its first read and its watch must still be reported, after its {@code added}.
 */
class LiveEngineGapTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void childrenTasksAndWritesInsideJustReportedCgroupsAreReported() throws Exception {
        int n = 300;
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/g");
            Hierarchy hierarchy = h.hierarchy();
            CgroupReader reader = new CgroupReader(hierarchy);
            // Started beforehand (in the hierarchy's root): moving one in is a single write.
            List<Process> sleepers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sleepers.add(h.startIn("/"));
            }
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/g")))) {
                LiveEngineChurnTest.Mirror mirror = new LiveEngineChurnTest.Mirror(engine.start().get(0));
                engine.addListener(mirror);
                Recorder r = new Recorder();
                engine.addListener(r);
                // The first batch that reports new cgroups is held: the engine watches them only
                // after that batch is delivered, so whatever happens in them meanwhile is in the gap.
                List<String> held = new CopyOnWriteArrayList<>();
                CountDownLatch blocked = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                AtomicBoolean armed = new AtomicBoolean(true);
                engine.addListener(batch -> {
                    List<String> added = batch.changes().stream()
                            .filter(c -> c.kind() == ChangeKind.ADDED && c.path().startsWith("/g/c"))
                            .map(Change::path).toList();
                    if (!added.isEmpty() && armed.getAndSet(false)) {
                        held.addAll(added);
                        blocked.countDown();
                        awaitQuietly(release);
                    }
                });
                for (int i = 0; i < n; i++) {
                    h.mkdir("/g/c" + i);
                }
                assertTrue(blocked.await(30, TimeUnit.SECONDS), "a batch with new cgroups was delivered");
                // The held cgroups are surely between their first read and their watch; the
                // others are read before or after, as the engine's thread gets to them.
                List<String> children = new ArrayList<>();
                try {
                    for (int j = 0; j < sleepers.size(); j++) {
                        h.moveInto(sleepers.get(j), held.get(j % held.size()));
                    }
                    for (String c : held) {
                        h.mkdir(c + "/k");
                        children.add(c + "/k");
                        h.write(c, "notify_on_release", "1");
                    }
                    for (int i = 0; i < n; i++) {
                        String c = "/g/c" + i;
                        if (!held.contains(c)) {
                            h.mkdir(c + "/k");
                            children.add(c + "/k");
                            if (i % 2 == 0) {
                                h.write(c, "notify_on_release", "1");
                            }
                        }
                    }
                } finally {
                    release.countDown();
                }

                Eventually.await("an added for every child made in the gap", () -> children.stream()
                        .allMatch(k -> r.seen(ChangeKind.ADDED, k)));
                LiveEngineChurnTest.awaitSameAsFreshRead(engine, reader, "/g");
                assertEquals(engine.current().get(0).byPath(), mirror.copy(),
                        "a consumer applying the batches holds the engine's state");
                List<String> lines = r.lines();
                for (String k : children) {
                    String parent = k.substring(0, k.length() - "/k".length());
                    assertTrue(lines.indexOf(parent + " added") < lines.indexOf(k + " added"),
                            parent + " is reported before its child");
                }
                for (int j = 0; j < sleepers.size(); j++) {
                    String c = held.get(j % held.size());
                    assertTrue(engine.current().get(0).get(c).procs().contains((int) sleepers.get(j).pid()),
                            "the task moved into " + c + " in the gap is there");
                    assertTrue(r.changes().stream().anyMatch(ch -> ch.kind() == ChangeKind.CHANGED
                            && ch.path().equals(c) && ch.fields().contains(Field.PROCS)), c + " changed its procs");
                }
            } finally {
                sleepers.forEach(h::stop);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
