package io.cgscope.bench;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.ThisJava;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reading, against the limit and against peers, on the same private trees, each holding
 * {@value #PROCESSES} processes:
 * <ul>
 * <li>the warm in-process snapshot against a small C program that reads exactly the same files on
 *     as many threads ({@code src/test/c/cgroup-read.c}, built with the machine's {@code cc};
 *     skipped, with a line saying so, without one), and against {@code find -type d}, which
 *     reads no file;</li>
 * <li>whole-process {@code dump --json}, as users start it (the launcher {@code target/cgscope}),
 *     against {@code systemd-cgls --all}, which also reads every cgroup's membership, and the
 *     processes' command lines: run in a private mount namespace with the tree bound at
 *     {@code /sys/fs/cgroup/systemd} (over a tmpfs at {@code /sys/fs/cgroup}), timed inside it so
 *     that the namespace's set-up is not counted; {@code lscgroup} and a bare {@code java -jar}
 *     beside them;</li>
 * <li>the heap a 100,000-cgroup snapshot holds.</li>
 * </ul>
 * Each pair is measured interleaved, run by run, so that the machine's load (shared, and printed
 * beside each line) falls on both alike. Targets (issue 14): snapshot within 1.3x of the C reader
 * at 10,000 and 100,000 cgroups; dump --json within 1.25x of systemd-cgls at 10,000, 1.1x at
 * 100,000; 100,000 cgroups under 300 MB of heap.
 */
final class SnapshotBench {
    private static final int RUNS = 5;
    private static final int WARM_UP_CGROUPS = 30_000;
    static final int PROCESSES = 20;

    private SnapshotBench() {
    }

    static void run(int[] sizes, PrintStream out) throws Exception {
        Path jar = Path.of("target", "cgscope.jar").toAbsolutePath();
        Path launcher = Path.of("target", "cgscope").toAbsolutePath();
        boolean haveJar = Files.exists(jar) && Files.isExecutable(launcher);
        boolean haveLscgroup = Files.isExecutable(Path.of("/usr/bin/lscgroup"));
        boolean haveCgls = Files.isExecutable(Path.of("/usr/bin/systemd-cgls")) && Files.isExecutable(Path.of("/usr/bin/unshare"));
        Path cReader = CReader.build(out);
        int threads = Runtime.getRuntime().availableProcessors();
        out.println();
        out.println("== reading (median of " + RUNS + " runs [min-max], wall clock, ms; each tree holds " + PROCESSES
                + " processes)");
        for (int size : sizes) {
            try (BenchTree tree = BenchTree.build(size)) {
                tree.startProcesses(PROCESSES);
                String dir = tree.dir().toString();
                CgroupReader reader = new CgroupReader(tree.hierarchy.hierarchy());
                // Warm the JIT with the same work at every size (a desktop session reads many
                // times): three reads of 10,000 cgroups, thirty of 1,000. Three reads of a small
                // tree left the compiler still at work, and its ratio to find varied by half.
                for (int read = 0; read < Math.max(3, WARM_UP_CGROUPS / size); read++) {
                    reader.read();
                }
                out.printf("%,d cgroups (load %s):%n", size, Load.now());
                Pair limit = Pair.measure(reader::read, cReader == null ? null
                        : () -> exec(cReader.toString(), dir, Integer.toString(threads)));
                out.printf("  snapshot (in process, warm) %s | C reader, %d threads %s | ratio %s   target < 1.3x%n",
                        limit.first(), threads, limit.second(), limit.ratio());
                Timing find = Timing.of(() -> exec("find", dir, "-type", "d"));
                out.printf("  find -type d %s | snapshot / find %.2fx%n", find, limit.first().median() / find.median());
                if (haveJar) {
                    Pair peer = Pair.measure(() -> exec(launcher.toString(), "dump", "--json", "--root", dir),
                            haveCgls ? () -> Cgls.run(dir) : null);
                    out.printf("  target/cgscope dump --json %s | systemd-cgls --all %s | ratio %s   target < 1.25x at"
                            + " 10,000, < 1.1x at 100,000 (load %s)%n", peer.first(), peer.second(), peer.ratio(), Load.now());
                    Timing bare = Timing.of(() -> exec(ThisJava.command(), "-jar", jar.toString(), "dump", "--json",
                            "--root", dir));
                    out.printf("  java -jar target/cgscope.jar dump --json %s%n", bare);
                }
                if (haveLscgroup) {
                    out.printf("  lscgroup (reads no file) %s%n",
                            Timing.of(() -> exec("lscgroup", "name=" + tree.hierarchy.name() + ":/")));
                }
                if (size >= 100_000) {
                    out.printf("  heap held by the %d-cgroup snapshot: %.1f MB%n", size, heapOf(reader) / 1e6);
                }
            }
        }
        if (!haveJar) {
            out.println("(no target/cgscope.jar or target/cgscope: run 'mvn -B -Pbench verify' so they are built first)");
        }
        if (!haveLscgroup) {
            out.println("(no lscgroup: apt-get install cgroup-tools)");
        }
        if (!haveCgls) {
            out.println("(no systemd-cgls or unshare: the dump's peer is skipped)");
        }
    }

    /** Medians and spreads of several runs, in ms. */
    record Timing(double median, double min, double max) {
        static Timing of(Work w) throws Exception {
            double[] ms = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                ms[i] = w.timeMs();
            }
            return of(ms);
        }

        static Timing of(double[] ms) {
            double[] a = ms.clone();
            Arrays.sort(a);
            return new Timing(a[a.length / 2], a[0], a[a.length - 1]);
        }

        @Override
        public String toString() {
            return String.format("%.1f [%.1f-%.1f]", median, min, max);
        }
    }

    /** Two works measured run by run, interleaved; the second may be missing (null). */
    record Pair(Timing first, Timing second, double[] ratios) {
        static Pair measure(Work a, Work b) throws Exception {
            double[] ta = new double[RUNS];
            double[] tb = new double[RUNS];
            double[] r = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                ta[i] = a.timeMs();
                tb[i] = b == null ? Double.NaN : b.timeMs();
                r[i] = ta[i] / tb[i];
            }
            return new Pair(Timing.of(ta), b == null ? null : Timing.of(tb), b == null ? null : r);
        }

        /** The median of the runs' ratios, and their spread. */
        String ratio() {
            if (ratios == null) {
                return "-";
            }
            Timing t = Timing.of(ratios);
            return String.format("%.2fx [%.2f-%.2f]", t.median(), t.min(), t.max());
        }
    }

    private static long heapOf(CgroupReader reader) throws IOException {
        long before = usedAfterGc();
        Snapshot s = reader.read();
        long after = usedAfterGc();
        if (s.size() == 0) {
            throw new IllegalStateException("empty snapshot");
        }
        return after - before;
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    interface Work {
        Object run() throws Exception;

        /** Runs once; the wall time in ms, or the time the work measured itself when it returns a Double. */
        default double timeMs() throws Exception {
            long t0 = System.nanoTime();
            Object r = run();
            double ms = (System.nanoTime() - t0) / 1e6;
            return r instanceof Double own ? own : ms;
        }
    }

    static int exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", command) + " exited " + rc);
        }
        return rc;
    }
}
