package io.cgscope.testkit;

import io.cgscope.kernel.Hierarchies;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A v1 hierarchy of the test's own: {@code mount -t cgroup -o none,name=cgscope-<random> cgroup DIR}.
 * No controller is bound, so nothing of the machine is touched; the kernel still runs its release
 * agent. {@link #close()} stops the test's processes, removes every cgroup bottom-up and unmounts,
 * whatever the outcome of the test.
 */
public final class PrivateHierarchy implements AutoCloseable {
    /** How long the kernel gets to free the unmounted hierarchy, and how often it is nudged. */
    private static final Duration FREEING_TIMEOUT = Duration.ofSeconds(10);
    private static final int REMOUNT_EVERY = 20;

    private final String name;
    private final Path dir;
    private final Path scratch;
    private final Processes processes = new Processes();
    private final Thread cleanupOnExit = new Thread(this::cleanUp, "private-hierarchy-cleanup");
    private boolean closed;

    private PrivateHierarchy(String name, Path dir, Path scratch) {
        this.name = name;
        this.dir = dir;
        this.scratch = scratch;
    }

    /** Why the real-kernel tests cannot run here, or null when they can. */
    public static String whyUnavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "real-kernel tests need root (they mount a private cgroup hierarchy); skipped";
        }
        try {
            if (!Files.readString(Path.of("/proc/filesystems")).contains("\tcgroup\n")) {
                return "this kernel has no cgroup v1 filesystem; skipped";
            }
        } catch (IOException e) {
            return "cannot read /proc/filesystems; skipped";
        }
        return null;
    }

    public static PrivateHierarchy mount() throws IOException {
        String name = "cgscope-" + UUID.randomUUID().toString().substring(0, 12);
        Path scratch = Files.createTempDirectory(name);
        Path dir = Files.createDirectory(scratch.resolve("mnt"));
        run("mount", "-t", "cgroup", "-o", "none,name=" + name, "cgroup", dir.toString());
        PrivateHierarchy h = new PrivateHierarchy(name, dir, scratch);
        Runtime.getRuntime().addShutdownHook(h.cleanupOnExit);
        return h;
    }

    public String name() {
        return name;
    }

    public Path dir() {
        return dir;
    }

    /** The hierarchy as cgscope discovers it from /proc/self/mountinfo. */
    public Hierarchy hierarchy() throws IOException {
        return Hierarchies.discover().stream().filter(h -> name.equals(h.name())).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not in mountinfo"));
    }

    public Path pathOf(String cgroupPath) {
        return "/".equals(cgroupPath) ? dir : dir.resolve(cgroupPath.substring(1));
    }

    public Path mkdir(String cgroupPath) throws IOException {
        return Files.createDirectories(pathOf(cgroupPath));
    }

    public void rmdir(String cgroupPath) throws IOException {
        Files.delete(pathOf(cgroupPath));
    }

    public void write(String cgroupPath, String file, String value) throws IOException {
        Files.writeString(pathOf(cgroupPath).resolve(file), value);
    }

    public String read(String cgroupPath, String file) throws IOException {
        return Files.readString(pathOf(cgroupPath).resolve(file));
    }

    /** Starts a {@code sleep} and moves it into {@code cgroupPath}. */
    public Process startIn(String cgroupPath) throws IOException {
        Process p = processes.sleeper();
        moveInto(p, cgroupPath);
        return p;
    }

    /** Starts a process with several threads and moves it, every thread, into {@code cgroupPath}. */
    public ThreadedProcess startThreadedIn(String cgroupPath) throws IOException {
        ThreadedProcess p = processes.threaded();
        moveInto(p.process(), cgroupPath);
        return p;
    }

    /** Moves the one thread {@code tid} into {@code cgroupPath} through its {@code tasks}. */
    public void moveThreadInto(int tid, String cgroupPath) throws IOException {
        write(cgroupPath, "tasks", Integer.toString(tid));
    }

    public void moveInto(Process p, String cgroupPath) throws IOException {
        write(cgroupPath, "cgroup.procs", Long.toString(p.pid()));
    }

    /** Kills {@code p} and waits for it: its task leaves its cgroup as the kernel reaps it. */
    public void stop(Process p) {
        processes.stop(p);
    }

    /**
     * Sets this hierarchy's release_agent to a script that appends each path the kernel hands it
     * to a log; returns that log.
     */
    public Path installLoggingAgent() throws IOException {
        Path log = scratch.resolve("released.log");
        Files.createFile(log);
        Path agent = scratch.resolve("agent.sh");
        Files.writeString(agent, "#!/bin/sh\necho \"$1\" >> " + log + "\n");
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        write("/", "release_agent", agent.toString());
        return log;
    }

    /** The paths the kernel's release agent received so far, in order. */
    public static List<String> released(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        processes.close();
        CgroupDirs.removeTree(dir, false);
        try {
            run("umount", dir.toString());
            freeTheHierarchy();
        } catch (IOException e) {
            System.err.println("could not unmount " + dir + ": " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not remove " + scratch + ": " + e.getMessage());
        }
    }

    /**
     * The kernel frees an unmounted v1 hierarchy only when it has no child cgroup at umount time,
     * and a child just removed stays on that list until its release, which waits for an RCU grace
     * period. A hierarchy unmounted in that window outlives its mount and stays listed in every
     * {@code /proc/PID/cgroup} of the machine. Mounting it again by name and unmounting it, once
     * its children are really gone, frees it.
     */
    private void freeTheHierarchy() throws IOException {
        long deadline = System.nanoTime() + FREEING_TIMEOUT.toNanos();
        for (int attempt = 0; stillListed(); attempt++) {
            if (System.nanoTime() > deadline) {
                System.err.println("hierarchy " + name + " still exists after it was unmounted");
                return;
            }
            if (attempt > 0 && attempt % REMOUNT_EVERY == 0) {
                run("mount", "-t", "cgroup", "-o", "none,name=" + name, "cgroup", dir.toString());
                run("umount", dir.toString());
            }
            if (!pause()) {
                return;
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the kernel still has this hierarchy, mounted or not. */
    public boolean stillListed() throws IOException {
        String line = ":name=" + name + ":";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/cgroup"))) {
            return lines.anyMatch(l -> l.contains(line));
        }
    }

    static void run(String... command) throws IOException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
