package io.cgscope.testkit;

import io.cgscope.kernel.Hierarchies;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes what killed test runs left on the machine, once per JVM before the kit makes anything:
 * a JVM killed with SIGKILL runs no shutdown hook, so its private v1 hierarchies stay mounted (in
 * their temporary directories) and its cgroup2 sandboxes stay at the root of the machine's
 * cgroup2. Each is recognised by its name, which carries the test JVM that made it
 * ({@link Owner}), and is removed only when that JVM no longer runs: other test suites on the same
 * machine keep theirs. The processes inside were moved there by the dead run's tests and are
 * stopped first; hierarchies are then emptied, unmounted and checked to be really gone.
 */
public final class LeftoverSweep {
    private static final Pattern HIERARCHY = Owner.named(PrivateHierarchy.PREFIX, "");
    /** {@code Files.createTempDirectory(name + "-")} appends a random number. */
    private static final Pattern SCRATCH = Owner.named(PrivateHierarchy.PREFIX, "-\\d+");
    private static final Pattern SANDBOX = Owner.named(V2Sandbox.PREFIX, "");
    /** A line of /proc/self/cgroup for a named v1 hierarchy: {@code 14:name=NAME:/path}. */
    private static final Pattern LISTED = Pattern.compile("\\d+:name=([^:]+):.*");
    private static final Duration PROCESSES_GONE = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static boolean swept;

    private LeftoverSweep() {
    }

    /** The random part of a name: 8 hex digits. */
    static String random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Sweeps once in this JVM; the kit calls it before it mounts or creates anything. */
    static synchronized void beforeFirstUse() {
        if (!swept) {
            swept = true;
            sweep();
        }
    }

    /**
     * Removes every leftover of a test JVM that no longer runs; a leftover another sweep (of a
     * suite started at the same time) removes meanwhile is fine.
     *
     * @return one line for each thing removed
     */
    public static synchronized List<String> sweep() {
        List<String> done = new ArrayList<>();
        try {
            sweepHierarchies(done);
            sweepScratchDirectories(done);
            sweepSandboxes(done);
        } catch (IOException | RuntimeException e) {
            System.err.println("sweeping the leftovers of earlier test runs: " + e);
        }
        done.forEach(line -> System.err.println("swept " + line));
        return done;
    }

    // ---- v1 hierarchies ----

    private static void sweepHierarchies(List<String> done) throws IOException {
        Map<String, List<Path>> dead = new LinkedHashMap<>();
        for (Hierarchy h : Hierarchies.discover()) {
            if (h.version() == CgroupVersion.V1 && h.name() != null && deadOwner(HIERARCHY, h.name())) {
                List<Path> at = dead.computeIfAbsent(h.name(), n -> new ArrayList<>());
                at.add(h.mountPoint());
                at.addAll(h.otherMountPoints());
            }
        }
        // unmounted, but kept by the kernel: listed in every /proc/PID/cgroup
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/cgroup"))) {
            lines.map(LISTED::matcher).filter(Matcher::matches).map(m -> m.group(1))
                    .filter(name -> deadOwner(HIERARCHY, name)).forEach(name -> dead.putIfAbsent(name, List.of()));
        }
        for (Map.Entry<String, List<Path>> e : dead.entrySet()) {
            try {
                if (removeHierarchy(e.getKey(), e.getValue())) {
                    done.add("hierarchy " + e.getKey() + (e.getValue().isEmpty() ? "" : " mounted at " + e.getValue()));
                }
            } catch (IOException failed) {
                System.err.println("could not sweep hierarchy " + e.getKey() + ": " + failed.getMessage());
            }
        }
    }

    /** Stops the processes of its cgroups, removes them, unmounts it everywhere and frees it. */
    private static boolean removeHierarchy(String name, List<Path> mountPoints) throws IOException {
        Path at;
        Path madeHere = null;
        if (mountPoints.isEmpty()) {
            madeHere = Files.createTempDirectory(name + "-");
            V1Mounts.mount(name, madeHere);
            at = madeHere;
        } else {
            at = mountPoints.get(0);
        }
        clearReleaseAgent(at);
        // the root cgroup holds every other process of the machine: only its children are the tests'
        for (Path child : childCgroups(at)) {
            stopProcessesBelow(child);
        }
        CgroupDirs.removeTree(at, false);
        for (Path other : mountPoints.subList(Math.min(1, mountPoints.size()), mountPoints.size())) {
            V1Mounts.run("umount", other.toString());
        }
        boolean gone = V1Mounts.unmountAndFree(name, at);
        if (madeHere != null) {
            Files.delete(madeHere);
        }
        return gone;
    }

    /** The agent is a script in the dead run's temporary directory: the kernel need not run it. */
    private static void clearReleaseAgent(Path root) {
        try {
            Files.writeString(root.resolve("release_agent"), "\n");
        } catch (IOException e) {
            // a mount of a subtree has no release_agent; removing the cgroups may then start the agent
        }
    }

    private static List<Path> childCgroups(Path dir) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    children.add(p);
                }
            }
        }
        return children;
    }

    // ---- temporary directories the hierarchies were mounted in ----

    private static void sweepScratchDirectories(List<String> done) throws IOException {
        Set<Path> mounted = new TreeSet<>();
        for (Hierarchy h : Hierarchies.discover()) {
            mounted.add(h.mountPoint());
            mounted.addAll(h.otherMountPoints());
        }
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path dir : tmp) {
                String name = dir.getFileName().toString();
                if (deadOwner(SCRATCH, name) && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                        && mounted.stream().noneMatch(m -> m.startsWith(dir))) {
                    removeScratch(dir);
                    done.add("temporary directory " + dir);
                }
            }
        }
    }

    /** Deletes a hierarchy's temporary directory, which holds nothing mounted any more. */
    static void removeScratch(Path scratch) {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile by another run's sweep
        } catch (IOException e) {
            System.err.println("could not remove " + scratch + ": " + e.getMessage());
        }
    }

    // ---- cgroup2 sandboxes ----

    private static void sweepSandboxes(List<String> done) throws IOException {
        Optional<Hierarchy> v2 = V2Sandbox.machineV2();
        if (v2.isEmpty()) {
            return;
        }
        for (Path sandbox : childCgroups(v2.get().mountPoint())) {
            if (deadOwner(SANDBOX, sandbox.getFileName().toString())) {
                stopProcessesBelow(sandbox);
                CgroupDirs.removeTree(sandbox, true);
                if (!Files.exists(sandbox)) {
                    done.add("cgroup2 sandbox " + sandbox);
                }
            }
        }
    }

    // ---- common ----

    private static boolean deadOwner(Pattern kind, String name) {
        Matcher m = kind.matcher(name);
        return m.matches() && !Owner.from(m).alive();
    }

    /**
     * Kills every process in the cgroup at {@code top} and below, and waits until they have left
     * (an exiting task leaves its cgroups before its parent collects it).
     */
    private static void stopProcessesBelow(Path top) throws IOException {
        List<Path> cgroups;
        try (Stream<Path> all = Files.walk(top)) {
            cgroups = all.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        Set<Long> killed = new TreeSet<>();
        long deadline = System.nanoTime() + PROCESSES_GONE.toNanos();
        while (true) {
            Set<Long> left = new TreeSet<>();
            for (Path cgroup : cgroups) {
                left.addAll(processesIn(cgroup));
            }
            if (left.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("processes " + left + " are still in " + top);
            }
            for (long pid : left) {
                if (pid != ProcessHandle.current().pid() && killed.add(pid)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static Set<Long> processesIn(Path cgroup) throws IOException {
        Set<Long> pids = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.strip()));
                }
            }
        } catch (NoSuchFileException gone) {
            // removed meanwhile
        }
        return pids;
    }
}
