package io.cgscope.bench;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.ThisJava;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot speed against the floor ({@code find -type d}, which reads no file) and whole-process
 * {@code dump --json} against {@code lscgroup} (cgroup-tools), on the same private trees, plus the
 * heap a 100,000-cgroup snapshot holds. The dump runs as users start it, through the launcher
 * {@code target/cgscope}; the same dump as a bare {@code java -jar} is shown beside it. The
 * Targets (issue "Foundation"): snapshot within 3x of find,
 * dump --json of 10,000 within 1.5x of lscgroup, 100,000 cgroups under 300 MB of heap.
 */
final class SnapshotBench {
    private static final int RUNS = 5;
    private static final int WARM_UP_CGROUPS = 30_000;

    private SnapshotBench() {
    }

    static void run(int[] sizes, PrintStream out) throws Exception {
        Path jar = Path.of("target", "cgscope.jar").toAbsolutePath();
        Path launcher = Path.of("target", "cgscope").toAbsolutePath();
        boolean haveJar = Files.exists(jar) && Files.isExecutable(launcher);
        boolean haveLscgroup = Files.isExecutable(Path.of("/usr/bin/lscgroup"));
        out.println();
        out.println("== snapshot and dump (median of " + RUNS + " runs, wall clock)");
        out.printf("%9s %12s %12s %7s %14s %12s %7s %12s%n", "cgroups", "snapshot ms", "find ms", "ratio",
                "dump --json ms", "lscgroup ms", "ratio", "java -jar ms");
        for (int size : sizes) {
            try (BenchTree tree = BenchTree.build(size)) {
                CgroupReader reader = new CgroupReader(tree.hierarchy.hierarchy());
                // Warm the JIT with the same work at every size (a desktop session reads many
                // times): three reads of 10,000 cgroups, thirty of 1,000. Three reads of a small
                // tree left the compiler still at work, and its ratio to find varied by half.
                for (int read = 0; read < Math.max(3, WARM_UP_CGROUPS / size); read++) {
                    reader.read();
                }
                double snapshot = median(() -> reader.read());
                double find = median(() -> exec("find", tree.dir().toString(), "-type", "d"));
                String dir = tree.dir().toString();
                double dump = haveJar ? median(() -> exec(launcher.toString(), "dump", "--json", "--root", dir))
                        : Double.NaN;
                double bareJar = haveJar ? median(() -> exec(ThisJava.command(), "-jar", jar.toString(), "dump", "--json", "--root",
                        dir)) : Double.NaN;
                double ls = haveLscgroup ? median(() -> exec("lscgroup", "name=" + tree.hierarchy.name() + ":/"))
                        : Double.NaN;
                out.printf("%9d %12.1f %12.1f %6.2fx %14.1f %12.1f %6.2fx %12.1f%n", size, snapshot, find,
                        snapshot / find, dump, ls, dump / ls, bareJar);
                if (size >= 100_000) {
                    out.printf("heap held by the %d-cgroup snapshot: %.1f MB%n", size, heapOf(reader) / 1e6);
                }
            }
        }
        if (!haveJar) {
            out.println("(no target/cgscope.jar or target/cgscope: run 'mvn -B -Pbench verify' so they are built first)");
        }
        if (!haveLscgroup) {
            out.println("(no lscgroup: apt-get install cgroup-tools)");
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
    }

    static double median(Work w) throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            w.run();
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        double[] a = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
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
