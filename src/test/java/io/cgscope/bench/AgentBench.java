package io.cgscope.bench;

import io.cgscope.kernel.CgroupWriter;
import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.ReleaseAgentRecorder;
import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.ReleaseAgreement;
import io.cgscope.testkit.PrivateHierarchy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The prediction against the kernel's word (issue "The kernel's own word"): a churn of task exits
 * and moves out of cgroups with notify_on_release 1, at the default poll interval, with the
 * release-agent recorder installed. Counts how many {@code released} the kernel's calls confirmed,
 * how many it did not, and how many calls nobody predicted ({@link ReleaseAgreement}, as the
 * window counts them), and how far apart in time a {@code released} and its call are.
 */
public final class AgentBench {
    private static final int OPERATIONS = 300;
    private static final long PACE_MS = 20;
    private static final int LONGEST_LIFE_MS = 200;

    private AgentBench() {
    }

    public static void main(String[] args) throws Exception {
        String why = PrivateHierarchy.whyUnavailable();
        if (why != null) {
            System.err.println("benchmark: " + why);
            System.exit(2);
        }
        System.out.println("cgscope benchmark on " + Machine.describe());
        run(System.out);
    }

    public static void run(PrintStream out) throws Exception {
        out.println();
        out.println("== prediction against the kernel's calls of the release agent (" + OPERATIONS + " tasks, one every "
                + PACE_MS + " ms, each living 0 to " + LONGEST_LIFE_MS + " ms, then exiting or moved out; interval "
                + LiveEngine.DEFAULT_INTERVAL.toMillis() + " ms)");
        for (boolean taskEvents : new boolean[] {true, false}) {
            churn(out, taskEvents);
        }
    }

    private static void churn(PrintStream out, boolean taskEvents) throws Exception {
        Path base = Files.createTempDirectory("cgscope-bench-recorder-");
        String load = loadAverage();
        ScheduledExecutorService ops = Executors.newScheduledThreadPool(4);
        Map<String, Instant> released = new ConcurrentHashMap<>();
        Map<String, Instant> called = new ConcurrentHashMap<>();
        Map<String, Boolean> byExit = new ConcurrentHashMap<>();
        Map<String, Long> lives = new ConcurrentHashMap<>();
        ReleaseAgreement agreement = new ReleaseAgreement();
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.write("/", "notify_on_release", "1");
            h.mkdir("/sink");
            h.write("/sink", "notify_on_release", "0");
            ReleaseAgentRecorder recorder = new ReleaseAgentRecorder(new RecorderFiles(base));
            recorder.install(new CgroupWriter(h.hierarchy()));
            System.setProperty(RecorderFiles.PROPERTY, base.toString());
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/"))).withTaskEvents(taskEvents)) {
                engine.addListener(b -> {
                    Instant now = Instant.now();
                    for (Change c : b.changes()) {
                        synchronized (agreement) {
                            agreement.add(c, now);
                        }
                        if (c.kind() == ChangeKind.RELEASED) {
                            released.putIfAbsent(c.path(), c.time());
                        } else if (c.kind() == ChangeKind.AGENT_CALLED) {
                            called.putIfAbsent(c.path(), c.time());
                        }
                    }
                });
                engine.start();
                Random random = new Random(12);
                AtomicInteger failed = new AtomicInteger();
                java.util.concurrent.atomic.AtomicReference<Exception> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
                java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(OPERATIONS);
                for (int i = 0; i < OPERATIONS; i++) {
                    String c = "/c" + i;
                    h.mkdir(c);
                    boolean exit = random.nextBoolean();
                    byExit.put(c, exit);
                    long life = random.nextInt(LONGEST_LIFE_MS + 1);
                    lives.put(c, life);
                    ops.schedule(() -> {
                        try {
                            Process p = h.startIn(c);
                            ops.schedule(() -> {
                                try {
                                    if (exit) {
                                        h.stop(p);
                                    } else {
                                        h.moveInto(p, "/sink");
                                    }
                                } catch (IOException | RuntimeException e) {
                                    failed.incrementAndGet();
                                    firstFailure.compareAndSet(null, e);
                                } finally {
                                    ended.countDown();
                                }
                            }, life, TimeUnit.MILLISECONDS);
                        } catch (IOException | RuntimeException e) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                            ended.countDown();
                        }
                    }, i * PACE_MS, TimeUnit.MILLISECONDS);
                }
                ended.await(2, TimeUnit.MINUTES);
                ops.shutdown();
                // every call and prediction waits out its window
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (called.size() < OPERATIONS && System.nanoTime() < deadline) {
                    Thread.sleep(100); // a benchmark's pause, not a test's synchronisation
                }
                Thread.sleep(ReleaseAgreement.WINDOW.toMillis() + 500);
                if (firstFailure.get() != null) {
                    firstFailure.get().printStackTrace(out);
                }
                synchronized (agreement) {
                    agreement.expire(Instant.now());
                    long total = agreement.confirmed() + agreement.unconfirmed() + agreement.unpredicted();
                    out.printf("%s: %d calls, %d released predicted; %d confirmed, %d unconfirmed, %d calls unpredicted;"
                                    + " agreement %.1f%% (load average before %s, %d operations failed)%n",
                            taskEvents ? "process events" : "poller alone", agreement.calls(), agreement.predicted(),
                            agreement.confirmed(), agreement.unconfirmed(), agreement.unpredicted(),
                            total == 0 ? 0.0 : 100.0 * agreement.confirmed() / total, load, failed.get());
                }
                long[] unpredictedLives = called.keySet().stream().filter(p -> !released.containsKey(p))
                        .mapToLong(lives::get).sorted().toArray();
                if (unpredictedLives.length > 0) {
                    out.printf("  the unpredicted calls' tasks lived %d to %d ms (median %d) of the 0 to %d ms%n",
                            unpredictedLives[0], unpredictedLives[unpredictedLives.length - 1],
                            unpredictedLives[unpredictedLives.length / 2], LONGEST_LIFE_MS);
                }
                for (boolean exits : new boolean[] {true, false}) {
                    List<Long> gaps = new ArrayList<>();
                    for (Map.Entry<String, Instant> e : released.entrySet()) {
                        Instant call = called.get(e.getKey());
                        if (call != null && byExit.get(e.getKey()) == exits) {
                            gaps.add(Duration.between(call, e.getValue()).toNanos());
                        }
                    }
                    if (gaps.isEmpty()) {
                        continue;
                    }
                    long[] abs = gaps.stream().mapToLong(Math::abs).toArray();
                    long within = gaps.stream().filter(g -> Math.abs(g) <= TimeUnit.MILLISECONDS.toNanos(50)).count();
                    long releasedFirst = gaps.stream().filter(g -> g < 0).count();
                    out.printf("  %s: released vs the agent's call, |difference| %s; within 50 ms: %d of %d;"
                                    + " released first: %d%n", exits ? "exits" : "moves out",
                            LiveBench.percentiles(abs), within, gaps.size(), releasedFirst);
                }
            } finally {
                System.clearProperty(RecorderFiles.PROPERTY);
                h.write("/", "release_agent", "\n");
            }
        } finally {
            ops.shutdownNow();
            try (var files = Files.walk(base)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
