package io.cgscope.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mounting a named v1 hierarchy without controllers, emptying it, and unmounting it so that the
 * kernel frees it: what a private hierarchy of the tests and of {@code scenario run --kernel} is
 * made and unmade with.
 */
public final class NamedV1Mounts {
    /** How long the kernel gets to free the unmounted hierarchy, and how often it is nudged. */
    private static final Duration FREEING_TIMEOUT = Duration.ofSeconds(10);
    private static final int REMOUNT_EVERY = 20;
    private static final long POLL_MILLIS = 10;

    private NamedV1Mounts() {
    }

    /** Mounts the hierarchy {@code name} at {@code dir}: a new one, or the one the kernel still has. */
    public static void mount(String name, Path dir) throws IOException {
        run("mount", "-t", "cgroup", "-o", "none,name=" + name, "cgroup", dir.toString());
    }

    /**
     * Unmounts {@code dir}, the last mount of {@code name} (if it is still mounted), and waits until the kernel has freed
     * the hierarchy. The kernel frees an unmounted v1 hierarchy only when it has no child cgroup
     * at umount time, and a child just removed stays on that list until its release, which waits
     * for an RCU grace period. A hierarchy unmounted in that window outlives its mount and stays
     * listed in every {@code /proc/PID/cgroup} of the machine. Mounting it again by name and
     * unmounting it, once its children are really gone, frees it.
     *
     * @return whether the hierarchy is gone
     */
    public static boolean unmountAndFree(String name, Path dir) throws IOException {
        if (isMountPoint(dir)) { // a test may have unmounted it itself
            run("umount", dir.toString());
        }
        long deadline = System.nanoTime() + FREEING_TIMEOUT.toNanos();
        for (int attempt = 0; listed(name); attempt++) {
            if (System.nanoTime() > deadline) {
                System.err.println("hierarchy " + name + " still exists after it was unmounted");
                return false;
            }
            if (attempt > 0 && attempt % REMOUNT_EVERY == 0) {
                mount(name, dir);
                run("umount", dir.toString());
            }
            if (!Pause.of(POLL_MILLIS)) {
                return false;
            }
        }
        return true;
    }

    /** Whether something is mounted at {@code dir}: the fifth field of a line of mountinfo. */
    public static boolean isMountPoint(Path dir) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
            return lines.map(l -> l.split(" ")).anyMatch(f -> f.length > 4 && f[4].equals(dir.toString()));
        }
    }

    /** Whether the kernel has the hierarchy {@code name}, mounted or not. */
    public static boolean listed(String name) throws IOException {
        String field = ":name=" + name + ":";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/cgroup"))) {
            return lines.anyMatch(l -> l.contains(field));
        }
    }

    /**
     * Removes the cgroups below {@code top}, and {@code top} itself when asked: rmdir deepest
     * first, since cgroupfs has no rm -r. A cgroup already gone (removed meanwhile, or by a
     * release agent) is fine; one that will not go is reported.
     */
    public static void removeTree(Path top, boolean includingTop) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(top)) {
            all.filter(Files::isDirectory).filter(p -> includingTop || !p.equals(top)).forEach(dirs::add);
        } catch (IOException | RuntimeException e) {
            // a cgroup vanished during the walk; what was listed is still removed below
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            try {
                Files.delete(d);
            } catch (NoSuchFileException gone) {
                // removed already
            } catch (IOException e) {
                System.err.println("could not remove cgroup " + d + ": " + e.getMessage());
            }
        }
    }

    public static void run(String... command) throws IOException {
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
