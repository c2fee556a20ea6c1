package io.cgscope.testkit;

import io.cgscope.kernel.Hierarchies;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A v1 hierarchy of the test's own: {@code mount -t cgroup -o none,name=cgscope-PID-START-RANDOM
 * cgroup DIR}, named after the test JVM that made it ({@link Owner}). No controller is bound, so
 * nothing of the machine is touched; the kernel still runs its release agent. {@link #close()}
 * stops the test's processes, removes every cgroup bottom-up and unmounts, whatever the outcome
 * of the test; what a killed test JVM leaves is removed by the next run ({@link LeftoverSweep}).
 */
public final class PrivateHierarchy implements AutoCloseable {
    static final String PREFIX = "cgscope-";

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
        LeftoverSweep.beforeFirstUse();
        String name = Owner.self().name(PREFIX, LeftoverSweep.random());
        Path scratch = Files.createTempDirectory(name + "-");
        Path dir = Files.createDirectory(scratch.resolve("mnt"));
        V1Mounts.mount(name, dir);
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

    /**
     * The paths the kernel's release agent received so far, in order. Unchecked: tests poll it
     * inside {@code Eventually} conditions, where a failed read is a failed test.
     */
    public static List<String> released(Path log) {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release agent's log " + log, e);
        }
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
            V1Mounts.unmountAndFree(name, dir);
        } catch (IOException e) {
            // the mount stays, and the scratch directory it is in: a later run's sweep takes both
            System.err.println("could not unmount " + dir + ": " + e.getMessage());
            return;
        }
        LeftoverSweep.removeScratch(scratch);
    }

    /** Whether the kernel still has this hierarchy, mounted or not. */
    public boolean stillListed() throws IOException {
        return V1Mounts.listed(name);
    }
}
