package io.cgscope.testkit;

import io.cgscope.kernel.Hierarchies;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A uniquely named child cgroup of the machine's cgroup2 mount, created by the test and removed
 * with everything below it, whatever the outcome. Nothing else of the v2 hierarchy is written.
 * Its name carries the test JVM that made it ({@link Owner}): when that JVM is killed, the next
 * run's {@link LeftoverSweep} removes the sandbox.
 */
public final class V2Sandbox implements AutoCloseable {
    static final String PREFIX = "cgscope-test-";

    private final Hierarchy hierarchy;
    private final String path;
    private final Processes processes = new Processes();
    private final Thread cleanupOnExit = new Thread(this::cleanUp, "v2-sandbox-cleanup");
    private boolean closed;

    private V2Sandbox(Hierarchy hierarchy, String path) {
        this.hierarchy = hierarchy;
        this.path = path;
    }

    /** The cgroup2 hierarchy of the machine, if there is one mounted at its root. */
    public static Optional<Hierarchy> machineV2() throws IOException {
        return Hierarchies.discover().stream()
                .filter(h -> h.version() == CgroupVersion.V2 && "/".equals(h.mountRoot())).findFirst();
    }

    public static V2Sandbox create() throws IOException {
        Hierarchy h = machineV2().orElseThrow(() -> new IllegalStateException("no cgroup2 mount"));
        LeftoverSweep.beforeFirstUse();
        String path = "/" + Owner.self().name(PREFIX, LeftoverSweep.random());
        V2Sandbox s = new V2Sandbox(h, path);
        Files.createDirectory(s.pathOf(path));
        Runtime.getRuntime().addShutdownHook(s.cleanupOnExit);
        return s;
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** The sandbox's own cgroup path, e.g. "/cgscope-test-4242-1737-1a2b3c4d". */
    public String path() {
        return path;
    }

    public Path pathOf(String cgroupPath) {
        return hierarchy.mountPoint().resolve(cgroupPath.substring(1));
    }

    public Path mkdir(String cgroupPath) throws IOException {
        requireInside(cgroupPath);
        return Files.createDirectories(pathOf(cgroupPath));
    }

    public void rmdir(String cgroupPath) throws IOException {
        requireInside(cgroupPath);
        Files.delete(pathOf(cgroupPath));
    }

    public Process startIn(String cgroupPath) throws IOException {
        requireInside(cgroupPath);
        Process p = processes.sleeper();
        Files.writeString(pathOf(cgroupPath).resolve("cgroup.procs"), Long.toString(p.pid()));
        return p;
    }

    public void stop(Process p) {
        processes.stop(p);
    }

    private void requireInside(String cgroupPath) {
        if (!cgroupPath.equals(path) && !cgroupPath.startsWith(path + "/")) {
            throw new IllegalArgumentException(cgroupPath + " is outside the sandbox " + path);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            cleanUp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException alreadyExiting) {
                // the hook is running or has run
            }
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        processes.close();
        CgroupDirs.removeTree(pathOf(path), true);
    }
}
