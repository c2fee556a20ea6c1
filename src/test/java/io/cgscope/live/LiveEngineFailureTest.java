package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.host.ChangeListener;
import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Pids;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A defect in the engine's thread is heard by its listeners and ends the stream visibly, never
 * in silence; {@code current()} called from many threads while batches come never returns a
 * state older than the batches already delivered.
 */
class LiveEngineFailureTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    private record Failure(Throwable error, boolean ended) {
    }

    @Test
    void aTickThatThrowsIsReportedThenEndsTheStreamWithTheReasonInEveryMode() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            List<Failure> failures = new CopyOnWriteArrayList<>();
            try (LiveEngine engine = FaultyEngines.whoseTickThrows(List.of(new Target(h.hierarchy(), "/")),
                    Duration.ofMillis(50), "a defect in the tick")) {
                engine.addListener(new ChangeListener() {
                    @Override
                    public void onBatch(ChangeBatch batch) {
                    }

                    @Override
                    public void onFailure(Throwable error, boolean ended) {
                        failures.add(new Failure(error, ended));
                    }
                });
                engine.start();
                Eventually.await("the stream ends on the defect; heard " + failures,
                        () -> failures.stream().anyMatch(Failure::ended));
                assertFalse(failures.get(0).ended(), "the first error is recovered from by a rescan: " + failures);
                Failure last = failures.get(failures.size() - 1);
                assertTrue(last.ended(), "the last one heard ends it: " + failures);
                assertEquals("a defect in the tick", last.error().getMessage());
                WatchMode mode = engine.modes().get(h.hierarchy());
                assertEquals(WatchMode.Kind.STOPPED, mode.kind());
                assertTrue(mode.why().contains("a defect in the tick"), mode.why());
                Eventually.await("the engine's thread ends", () -> Thread.getAllStackTraces().keySet().stream()
                        .noneMatch(t -> t.isAlive() && t.getName().equals(LiveEngine.THREAD_NAME)));
                assertEquals(1, engine.current().size(), "the last state is still there to read");
            }
        }
    }

    /**
     * The recovery from an error reads every cgroup again: a task that exits while the engine's
     * tick fails is shown gone, though nothing else would read its cgroup for an hour. Process
     * events are off and v1 raises no inotify event for an exit, so only the poller or that read
     * can see it; the faulty tick sets the poll interval to an hour before it throws, so no later
     * tick does. And the stream goes on: a cgroup made afterwards is reported.
     */
    @Test
    void afterARecoveredErrorTheStateIsReadAgainSoAChangeDuringTheFaultIsShown() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a");
            Process sleeper = h.startIn("/a");
            Recorder r = new Recorder();
            List<Failure> failures = new CopyOnWriteArrayList<>();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")), Duration.ofMillis(100))
                    .withTaskEvents(false)) {
                engine.addListener(r);
                engine.addListener(new ChangeListener() {
                    @Override
                    public void onBatch(ChangeBatch batch) {
                    }

                    @Override
                    public void onFailure(Throwable error, boolean ended) {
                        failures.add(new Failure(error, ended));
                    }
                });
                Snapshot first = engine.start().get(0);
                assertEquals(Pids.of((int) sleeper.pid()), first.get("/a").procs());
                // Armed once /a is watched and read after its watch, so that no read of /a is still due.
                Eventually.await("every cgroup watched", () -> engine.watchProgress().done());
                AtomicInteger ticks = new AtomicInteger();
                engine.tickHook = () -> {
                    if (ticks.incrementAndGet() == 1) {
                        engine.setPollInterval(Duration.ofHours(1)); // from the tick after the next one
                    } else if (ticks.get() == 2) {
                        h.stop(sleeper);
                        throw new IllegalStateException("a defect in one tick");
                    }
                };
                Eventually.await("the error is heard", () -> !failures.isEmpty());
                assertFalse(failures.get(0).ended(), "the first error is recovered from: " + failures);
                Eventually.await("/a read again after the error; current " + engine.current().get(0).get("/a"),
                        () -> engine.current().get(0).get("/a").procs().isEmpty());
                assertEquals("", h.read("/a", "cgroup.procs"), "the kernel's list, as shown");
                assertTrue(r.lines().contains("/a emptied"), "told as it happened: " + r.lines());
                assertEquals(2, ticks.get(), "no tick read /a: the poll interval is an hour");

                h.mkdir("/b");
                Eventually.await("/b added after the recovery; got " + r.lines(), () -> r.lines().contains("/b added"));
                assertEquals(1, failures.size(), "one error, recovered: " + failures);
            }
        }
    }

    /**
     * Readers copy the batches' added cgroups as they come, then ask for the state: it must hold
     * each of them. Four threads ask at once, so they fill the engine's snapshot cache side by side.
     */
    @Test
    void concurrentCurrentNeverReturnsAStateOlderThanTheBatchesDelivered() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            Recorder r = new Recorder();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")))) {
                engine.addListener(r);
                engine.start();
                AtomicBoolean done = new AtomicBoolean();
                AtomicReference<String> torn = new AtomicReference<>();
                List<Thread> readers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Thread t = new Thread(() -> {
                        while (!done.get() && torn.get() == null) {
                            Set<String> delivered = Set.copyOf(r.lines());
                            List<Snapshot> now = engine.current();
                            if (now.size() != 1) {
                                torn.set("current() gave " + now.size() + " hierarchies");
                                return;
                            }
                            Map<String, ?> byPath = now.get(0).byPath();
                            for (String line : delivered) {
                                String path = line.substring(0, line.indexOf(' '));
                                if (line.endsWith(" added") && !byPath.containsKey(path)) {
                                    torn.set(path + " was delivered as added but is not in current()");
                                    return;
                                }
                            }
                        }
                    }, "test-current-" + i);
                    t.start();
                    readers.add(t);
                }
                for (int i = 0; i < 400 && torn.get() == null; i++) {
                    h.mkdir("/c" + i);
                }
                Eventually.await("the last mkdir delivered", () -> r.lines().contains("/c399 added") || torn.get() != null);
                done.set(true);
                for (Thread t : readers) {
                    t.join(10_000);
                }
                assertNull(torn.get());
            }
        }
    }
}
