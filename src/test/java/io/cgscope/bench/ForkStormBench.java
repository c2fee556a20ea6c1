package io.cgscope.bench;

import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The live engine under a fork storm (issue "process events"): with the kernel's process events
 * every fork and exit of the machine reaches the engine, and a build forking thousands of
 * processes a second must not starve it. A load generator of shell loops in a cgroup of a
 * 1,000-cgroup tree forks short-lived subshells at a paced rate; meanwhile the engine's CPU is
 * measured (the JVM's own from /proc/self/stat, and the engine's threads), and so is how fast it
 * still reports: a mkdir every 50 ms to {@code added}, and once a second the last task of a cgroup
 * killed to {@code released}. The same probes run first without the storm, so that the two
 * compare on the machine as it is at that moment (it is shared), and its load average is printed
 * beside them. Run as the window runs the engine (nice 10) and as {@code watch} does (nice 0).
 */
final class ForkStormBench {
    /** Forks a second asked of the generator; each subshell exits at once, so as many exits. */
    private static final int RATE = 2_000;
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration MEASURED = Duration.ofSeconds(20);
    /** The same probes without the storm first, on the machine as it is at that moment. */
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final long PROBE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int PROBES_PER_RELEASE = 20;
    /**
     * One loop per core, each keeping to its share of the rate by the clock of /proc/uptime
     * (read by the shell's builtin, so the pacing forks nothing but its 10 ms sleeps, which count):
     * behind, it forks until it has caught up. On SIGTERM it prints how many it forked.
     */
    private static final String GENERATOR = """
            echo $$ > "$1"/cgroup.procs || exit 1
            rate=$2; n=0
            trap 'echo $n; exit 0' TERM
            read up _ < /proc/uptime; t0=${up%.*}${up#*.}
            while :; do
              read up _ < /proc/uptime; t=${up%.*}${up#*.}
              due=$(( (t - t0) * rate / 100 ))
              while [ $n -lt $due ]; do (:); n=$((n + 1)); done
              sleep 0.01; n=$((n + 1))
            done
            """;

    private ForkStormBench() {
    }

    static void run(PrintStream out) throws Exception {
        out.println();
        out.println("== live engine under a fork storm (target: the engine's CPU under " + RATE
                + " forks and exits a second, said in README; the window not starved)");
        storm(out, 10, "as the window runs it, nice 10");
        storm(out, 0, "as watch runs it, nice 0");
    }

    private static void storm(PrintStream out, int niceness, String how) throws Exception {
        try (BenchTree tree = BenchTree.build(1_000);
             Processes processes = new Processes();
             LiveEngine engine = new LiveEngine(List.of(new Target(tree.hierarchy.hierarchy(), "/")))
                     .withNiceness(niceness)) {
            PrivateHierarchy h = tree.hierarchy;
            h.mkdir("/storm");
            h.mkdir("/probe");
            h.mkdir("/released");
            h.write("/released", "notify_on_release", "1");
            List<Process> quietSleepers = sleepers(h, "/released/q", QUIET);
            List<Process> stormSleepers = sleepers(h, "/released/s", MEASURED);
            LiveBench.Arrivals a = new LiveBench.Arrivals();
            engine.addListener(a);
            engine.start();

            Spell quiet = measure(h, engine, a, "/q", QUIET, quietSleepers);

            int loops = Runtime.getRuntime().availableProcessors();
            long generating = System.nanoTime();
            List<Process> generators = new ArrayList<>();
            List<Path> counts = new ArrayList<>();
            for (int i = 0; i < loops; i++) {
                // a file, not a pipe: stopping a Process closes its pipes before it has printed
                Path count = Files.createTempFile("cgscope-forkstorm-", ".count");
                counts.add(count);
                generators.add(processes.start(new ProcessBuilder("sh", "-c", GENERATOR, "sh",
                        h.pathOf("/storm").toString(), Integer.toString(RATE / loops)).redirectOutput(count.toFile())));
            }
            LockSupport.parkNanos(WARM_UP.toNanos()); // the JIT and the storm settle
            Spell storm = measure(h, engine, a, "/s", MEASURED, stormSleepers);
            long generated = 0;
            for (int i = 0; i < loops; i++) {
                generated += stopAndCount(generators.get(i), counts.get(i));
            }
            long total = System.nanoTime() - generating;
            // the last subshell or sleep of a loop ends on its own: the tree is removed once they have
            Eventually.await("the load generator's last children gone", () -> {
                try {
                    return h.read("/storm", "tasks").isBlank();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            out.printf("%s; %,d forks and exits a second asked, %.0f made by the generator (%d loops, over %.0f s):%n",
                    how, RATE, generated / (total / 1e9), loops, total / 1e9);
            quiet.print(out, "without the storm");
            storm.print(out, "in the storm");
        }
    }

    /** One sleeper in a cgroup of its own per release probe of a spell of {@code length}. */
    private static List<Process> sleepers(PrivateHierarchy h, String prefix, Duration length) throws IOException {
        List<Process> sleepers = new ArrayList<>();
        for (int i = 0; i < length.toNanos() / PROBE_NANOS / PROBES_PER_RELEASE; i++) {
            h.mkdir(prefix + i);
            sleepers.add(h.startIn(prefix + i));
        }
        return sleepers;
    }

    /**
     * A mkdir each {@link #PROBE_NANOS} to its {@code added}, and every {@link #PROBES_PER_RELEASE}th
     * probe a sleeper killed to its cgroup's {@code released}, while the CPU is counted.
     */
    private static Spell measure(PrivateHierarchy h, LiveEngine engine, LiveBench.Arrivals a, String prefix,
                                 Duration length, List<Process> sleepers) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        String load0 = loadAverage();
        Map<Long, Long> engineCpu0 = engineThreadsCpu(threads);
        long jvm0 = IdleCpu.processCpuNanos();
        long forks0 = machineForks();
        long lost0 = engine.lostTaskEvents();
        long batches0 = engine.batches();
        long wall0 = System.nanoTime();
        List<Long> added = new ArrayList<>();
        List<Long> released = new ArrayList<>();
        for (int i = 0; System.nanoTime() - wall0 < length.toNanos(); i++) {
            LockSupport.parkNanos(wall0 + (i + 1) * PROBE_NANOS - System.nanoTime());
            String c = "/probe" + prefix + i;
            long t0 = System.nanoTime();
            Files.createDirectory(h.pathOf(c));
            added.add(a.await("added " + c, Duration.ofSeconds(10)) - t0);
            int r = i / PROBES_PER_RELEASE;
            if (i % PROBES_PER_RELEASE == 0 && r < sleepers.size()) {
                long k0 = System.nanoTime();
                sleepers.get(r).destroyForcibly();
                released.add(a.await("released /released" + prefix + r, Duration.ofSeconds(10)) - k0);
            }
        }
        long wall = System.nanoTime() - wall0;
        return new Spell(wall, IdleCpu.processCpuNanos() - jvm0, sum(engineThreadsCpu(threads), engineCpu0),
                machineForks() - forks0, engine.lostTaskEvents() - lost0, engine.batches() - batches0,
                toArray(added), toArray(released), load0, loadAverage());
    }

    /** What one spell of probes measured. */
    private record Spell(long wallNanos, long jvmCpuNanos, long engineCpuNanos, long machineForks, long lost,
                         long batches, long[] added, long[] released, String loadBefore, String loadAfter) {
        void print(PrintStream out, String when) {
            out.printf("  %s, %.0f s, %.0f forks a second on the whole machine, load average %s to %s:%n", when,
                    wallNanos / 1e9, machineForks / (wallNanos / 1e9), loadBefore, loadAfter);
            out.printf("    CPU: whole JVM %.1f%% of a core, the engine's threads %.1f%%; %d batches,"
                            + " the kernel dropped events %d times%n", 100.0 * jvmCpuNanos / wallNanos,
                    100.0 * engineCpuNanos / wallNanos, batches, lost);
            out.printf("    mkdir -> added (%d, one each 50 ms): %s%n", added.length, LiveBench.percentiles(added));
            out.printf("    v1 last-task exit -> released (%d, from SIGKILL): %s%n", released.length,
                    LiveBench.percentiles(released));
        }
    }

    /** The one-minute load average, from /proc/loadavg: the machine is shared. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** CPU time so far of each of the engine's threads (named after {@link LiveEngine#THREAD_NAME}). */
    private static Map<Long, Long> engineThreadsCpu(ThreadMXBean threads) {
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(LiveEngine.THREAD_NAME)) {
                long ns = threads.getThreadCpuTime(t.getId());
                if (ns >= 0) {
                    cpu.put(t.getId(), ns);
                }
            }
        }
        return cpu;
    }

    /** CPU used between the two readings; a thread started in between counts from 0. */
    private static long sum(Map<Long, Long> now, Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> e : now.entrySet()) {
            total += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return total;
    }

    /** Processes forked on the machine since boot ({@code processes} in /proc/stat). */
    private static long machineForks() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("processes ")) {
                return Long.parseLong(line.substring("processes ".length()).strip());
            }
        }
        throw new IOException("no 'processes' line in /proc/stat");
    }

    /** Ends a generator by SIGTERM, on which it prints how many it forked to {@code count}. */
    private static long stopAndCount(Process generator, Path count) throws IOException, InterruptedException {
        generator.destroy();
        if (!generator.waitFor(10, TimeUnit.SECONDS)) {
            throw new IOException("the load generator did not end on SIGTERM");
        }
        try {
            return Long.parseLong(Files.readString(count, StandardCharsets.US_ASCII).strip());
        } finally {
            Files.delete(count);
        }
    }

    private static long[] toArray(List<Long> nanos) {
        return nanos.stream().mapToLong(Long::longValue).toArray();
    }
}
