package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.host.ChangeListener;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Under random mkdir, rmdir, attach and exit the engine's state ends equal to a fresh read, a
 * consumer applying the batches ends with the same state, and the engine logs no error.
 * OVERFLOW and a full watch table are recovered by rescans.
 */
class LiveEngineChurnTest {
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                logged.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger live = Logger.getLogger("io.cgscope.live");

    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @BeforeEach
    void captureLog() {
        live.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        live.removeHandler(capture);
    }

    /** Applies batches as a consumer would: the map must always be a whole state. */
    static final class Mirror implements ChangeListener {
        final Map<String, Cgroup> byPath = new HashMap<>();

        Mirror(Snapshot initial) {
            byPath.putAll(initial.byPath());
        }

        @Override
        public synchronized void onBatch(ChangeBatch batch) {
            for (Change c : batch.changes()) {
                if (c.kind() == ChangeKind.REMOVED) {
                    byPath.remove(c.path());
                } else {
                    byPath.put(c.path(), c.after());
                }
            }
        }

        synchronized Map<String, Cgroup> copy() {
            return new HashMap<>(byPath);
        }
    }

    @Test
    void twentySecondsOfChurnOnTwoThousandCgroupsEndsEqualToAFreshRead() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.installLoggingAgent();
            List<String> paths = new ArrayList<>();
            for (int g = 0; g < 20; g++) {
                String group = "/c/g" + g;
                h.mkdir(group);
                paths.add(group);
                if (g % 2 == 0) {
                    h.write(group, "notify_on_release", "1");
                }
                for (int l = 0; l < 99; l++) {
                    h.mkdir(group + "/l" + l);
                    paths.add(group + "/l" + l);
                }
            }
            Hierarchy hierarchy = h.hierarchy();
            CgroupReader reader = new CgroupReader(hierarchy);
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/c")), Duration.ofMillis(250))) {
                Snapshot initial = engine.start().get(0);
                assertEquals(2001, initial.size());
                Mirror mirror = new Mirror(initial);
                engine.addListener(mirror);

                Churn churn = new Churn(h, paths);
                churn.run(Duration.ofSeconds(20));
                assertTrue(churn.ops.get() > 500, "the load did something: " + churn.ops.get() + " operations");

                awaitSameAsFreshRead(engine, reader, "/c");
                assertEquals(engine.current().get(0).byPath(), mirror.copy(),
                        "a consumer applying the batches holds the engine's state");
                assertEquals(List.of(), logged.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList());
                assertTrue(engine.batches() > 10);
            }
        }
    }

    /** Waits until the engine's state equals a fresh read; on timeout names the cgroups that differ. */
    static void awaitSameAsFreshRead(LiveEngine engine, CgroupReader reader, String path) {
        List<String> differ = new ArrayList<>();
        try {
            Eventually.await("the engine's state equal to a fresh read", Duration.ofSeconds(30), () -> {
                differ.clear();
                Map<String, Cgroup> fresh;
                try {
                    fresh = reader.read(path).byPath();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                Map<String, Cgroup> mine = engine.current().get(0).byPath();
                for (String p : fresh.keySet()) {
                    if (!fresh.get(p).equals(mine.get(p))) {
                        differ.add(p + ": fresh " + fresh.get(p) + " engine " + mine.get(p));
                    }
                }
                mine.keySet().stream().filter(p -> !fresh.containsKey(p)).forEach(p -> differ.add(p + " only in the engine"));
                return differ.isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + differ.size() + " cgroups differ: "
                    + differ.subList(0, Math.min(5, differ.size())), e);
        }
    }

    /** Random mkdir, rmdir, attach, move, exit and notify_on_release writes from two threads. */
    static final class Churn {
        private final PrivateHierarchy h;
        private final List<String> paths;
        private final Map<Process, String> running = new ConcurrentHashMap<>();
        final AtomicInteger ops = new AtomicInteger();

        Churn(PrivateHierarchy h, List<String> initial) {
            this.h = h;
            this.paths = new CopyOnWriteArrayList<>(initial);
        }

        void run(Duration time) throws InterruptedException {
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(2);
            for (int w = 0; w < 2; w++) {
                long seed = w * 7919L + System.nanoTime();
                Thread t = new Thread(() -> {
                    Random random = new Random(seed);
                    try {
                        while (!stop.get()) {
                            step(random);
                            ops.incrementAndGet();
                        }
                    } finally {
                        done.countDown();
                    }
                }, "churn-" + w);
                t.start();
            }
            long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < end) {
                done.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            stop.set(true);
            assertTrue(done.await(60, TimeUnit.SECONDS), "the load stopped");
        }

        private void step(Random random) {
            String p = paths.get(random.nextInt(paths.size()));
            try {
                switch (random.nextInt(7)) {
                    case 0, 1 -> {
                        if (io.cgscope.model.Paths.depth(p) < 5) {
                            String child = p + "/n" + random.nextInt(1_000_000);
                            h.mkdir(child);
                            paths.add(child);
                        }
                    }
                    case 2 -> {
                        h.rmdir(p);
                        paths.remove(p);
                    }
                    case 3 -> {
                        if (running.size() < 20) {
                            Process proc = h.startIn(p);
                            running.put(proc, p);
                        }
                    }
                    case 4 -> {
                        Process proc = any(random);
                        if (proc != null && running.remove(proc) != null) {
                            h.stop(proc);
                        }
                    }
                    case 5 -> h.write(p, "notify_on_release", random.nextBoolean() ? "1" : "0");
                    default -> {
                        Process proc = any(random);
                        if (proc != null) {
                            h.moveInto(proc, p);
                        }
                    }
                }
            } catch (IOException | RuntimeException expected) {
                // EBUSY (a cgroup with tasks or children), ENOENT (removed by the other thread), ESRCH
            }
        }

        private Process any(Random random) {
            List<Process> all = new ArrayList<>(running.keySet());
            return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
        }
    }

    @Test
    void aBurstArrivesInFewBatchesAndCurrentAlwaysMatchesTheBatchesDelivered() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/b");
            Hierarchy hierarchy = h.hierarchy();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/b")))) {
                Mirror mirror = new Mirror(engine.start().get(0));
                // The state after each batch applied, and current() as seen while each was delivered.
                List<Map<String, Cgroup>> after = new CopyOnWriteArrayList<>();
                List<Map<String, Cgroup>> seen = new CopyOnWriteArrayList<>();
                AtomicInteger batches = new AtomicInteger();
                engine.addListener(batch -> {
                    mirror.onBatch(batch);
                    batches.incrementAndGet();
                    after.add(mirror.copy());
                    seen.add(Map.copyOf(engine.current().get(0).byPath()));
                });
                int n = 3000;
                for (int i = 0; i < n; i++) {
                    h.mkdir("/b/c" + i);
                }
                Eventually.await("all " + n + " added", () -> mirror.copy().size() == n + 1);
                Eventually.await("the batches lead to the engine's state",
                        () -> engine.current().get(0).byPath().equals(mirror.copy()));
                // On a listener's own thread, during batch k, current() holds every batch up to k and
                // may be ahead by batches still queued: it is the state after some batch j >= k.
                List<String> mismatches = new ArrayList<>();
                for (int k = 0; k < seen.size(); k++) {
                    if (!after.subList(k, after.size()).contains(seen.get(k))) {
                        mismatches.add("during batch " + (k + 1));
                    }
                }
                assertEquals(List.of(), mismatches);
                assertTrue(batches.get() < n / 10, n + " mkdirs came in " + batches.get() + " batches");
                assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
            }
        }
    }

    @Test
    void overflowOfAWatchKeyIsRecoveredByARescan() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/o");
            Hierarchy hierarchy = h.hierarchy();
            CgroupReader reader = new CgroupReader(hierarchy);
            // One key's events may wait for the engine: the rest wait in the JDK's key, which
            // keeps 512 before it overflows.
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/o")), LiveEngine.DEFAULT_INTERVAL,
                    Integer.MAX_VALUE, 1)) {
                CountDownLatch blocked = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                AtomicBoolean armed = new AtomicBoolean(true);
                engine.addListener(batch -> {
                    if (armed.getAndSet(false)) {
                        blocked.countDown();
                        awaitQuietly(release);
                    }
                });
                engine.start();
                h.mkdir("/o/first");
                assertTrue(blocked.await(15, TimeUnit.SECONDS), "the engine delivered the first batch");
                // The engine's thread is held in the listener. The drainer queues one take of the
                // key's events and holds a second waiting for room, at most 512 events each; the
                // JDK keeps at most 512 more in the key, so 2,000 mkdirs in one directory overflow it.
                for (int i = 0; i < 2000; i++) {
                    h.mkdir("/o/d" + i);
                }
                release.countDown();
                Eventually.await("an OVERFLOW", () -> engine.overflows() > 0);
                awaitSameAsFreshRead(engine, reader, "/o");
                assertTrue(engine.overflowRereads() > 0, "the overflowed directory was read again");
                assertEquals(2002, engine.current().get(0).size());
                assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
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

    @Test
    void aFullWatchTableFallsBackToPollingAndReturnsToInotify() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            for (int i = 0; i < 80; i++) {
                h.mkdir("/p/c" + i);
            }
            Hierarchy hierarchy = h.hierarchy();
            CgroupReader reader = new CgroupReader(hierarchy);
            // 50 watches for 81 directories (and the subtree's parent)
            try (LiveEngine engine = new LiveEngine(List.of(new Target(hierarchy, "/p")), Duration.ofMillis(200), 50)) {
                Recorder r = new Recorder();
                engine.addListener(r);
                engine.start();
                // the watches are registered after the first read: the table fills then
                Eventually.awaitEquals("polling once the watch table is full", WatchMode.Kind.POLLING,
                        () -> engine.modes().get(hierarchy).kind());
                WatchMode mode = engine.modes().get(hierarchy);
                assertTrue(mode.why().contains("watch limit"), mode.why());

                // About 30 of the 80 have no watch: only the tick's reads can see their changes.
                for (int i = 0; i < 80; i++) {
                    h.mkdir("/p/c" + i + "/deep");
                    h.write("/p/c" + i, "notify_on_release", "1");
                }
                Eventually.await("every deep cgroup seen; got " + r.lines().size() + " events",
                        () -> IntStream.range(0, 80).allMatch(i -> r.seen(ChangeKind.ADDED, "/p/c" + i + "/deep")));
                awaitSameAsFreshRead(engine, reader, "/p");
                assertEquals(WatchMode.Kind.POLLING, engine.modes().get(hierarchy).kind());

                for (int i = 79; i >= 0; i--) {
                    h.rmdir("/p/c" + i + "/deep");
                    if (i >= 30) {
                        h.rmdir("/p/c" + i);
                    }
                }
                Eventually.awaitEquals("inotify again once every cgroup fits", WatchMode.Kind.INOTIFY,
                        () -> engine.modes().get(hierarchy).kind());
                awaitSameAsFreshRead(engine, reader, "/p");
                assertEquals(List.of(), logged.stream().map(LogRecord::getMessage).toList());
            }
        }
    }
}
