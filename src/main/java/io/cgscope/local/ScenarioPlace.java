package io.cgscope.local;

import io.cgscope.kernel.Hierarchies;
import io.cgscope.kernel.Privileges;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a scenario runs on the real kernel, and its private directory (mode 0700: only root
 * enters it) for the agent's script and logs. v1: a new named hierarchy without controllers,
 * {@code mount -t cgroup -o none,name=cgscope-PID-START-RANDOM}, mounted inside that directory;
 * nothing of the machine's hierarchies is touched, and the kernel still runs its release agent.
 * v2: a new child of the machine's cgroup2 root, {@code cgscope-scenario-PID-START-RANDOM}, which
 * the scenario sees as its root. The name carries this process's pid and start time, as the
 * test kit's names do, so that what a killed run leaves is known by its owner.
 */
record ScenarioPlace(Hierarchy hierarchy, Path scratch, String name) {
    private static final SecureRandom RANDOM = new SecureRandom();

    static String whyUnavailable(CgroupVersion version) {
        return whyUnavailable(version, Privileges.current().euid());
    }

    static String whyUnavailable(CgroupVersion version, int euid) {
        if (euid != 0) {
            return "scenario run --kernel needs root: it mounts a private cgroup hierarchy and sets its release agent";
        }
        try {
            if (version == CgroupVersion.V1 && !Files.readString(Path.of("/proc/filesystems")).contains("\tcgroup\n")) {
                return "this kernel has no cgroup v1 filesystem: run the scenario on the simulator";
            }
            if (version == CgroupVersion.V2 && machineV2().isEmpty()) {
                return "no cgroup2 hierarchy is mounted at its root on this machine: run the scenario on the simulator";
            }
        } catch (IOException e) {
            return "cannot read what this kernel offers: " + e.getMessage();
        }
        return null;
    }

    static ScenarioPlace make(CgroupVersion version) throws IOException {
        String tag = ProcessHandle.current().pid() + "-" + startTime() + "-" + random();
        Path scratch = Files.createTempDirectory("cgscope-" + tag + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return version == CgroupVersion.V1 ? mountV1("cgscope-" + tag, scratch) : childOfV2("cgscope-scenario-" + tag, scratch);
        } catch (IOException | RuntimeException e) {
            deleteScratch(scratch);
            throw e;
        }
    }

    private static ScenarioPlace mountV1(String name, Path scratch) throws IOException {
        Path mnt = Files.createDirectory(scratch.resolve("mnt"));
        NamedV1Mounts.mount(name, mnt);
        Optional<Hierarchy> h = Hierarchies.discover().stream().filter(x -> name.equals(x.name())).findFirst();
        if (h.isEmpty()) {
            NamedV1Mounts.unmountAndFree(name, mnt);
            throw new IOException("the hierarchy " + name + " was mounted but is not in mountinfo");
        }
        return new ScenarioPlace(h.get(), scratch, name);
    }

    private static ScenarioPlace childOfV2(String name, Path scratch) throws IOException {
        Hierarchy v2 = machineV2().orElseThrow(() -> new IOException("no cgroup2 hierarchy is mounted at its root"));
        Path child = Files.createDirectory(v2.mountPoint().resolve(name));
        Hierarchy seen = new Hierarchy(v2.device(), v2.version(), v2.controllers(), v2.name(), child, "/",
                List.of(), null, false, false);
        return new ScenarioPlace(seen, scratch, name);
    }

    private static Optional<Hierarchy> machineV2() throws IOException {
        return Hierarchies.discover().stream()
                .filter(h -> h.version() == CgroupVersion.V2 && "/".equals(h.mountRoot())).findFirst();
    }

    Path mountPoint() {
        return hierarchy.mountPoint();
    }

    String describe() {
        return hierarchy.version() == CgroupVersion.V1
                ? "private hierarchy name=" + name + " at " + mountPoint()
                : "private cgroup2 child " + mountPoint();
    }

    /**
     * Removes every cgroup bottom-up (the caller has ended the processes), then unmounts the
     * hierarchy and waits until the kernel has freed it (v1), and deletes the private directory.
     */
    void remove() {
        boolean v1 = hierarchy.version() == CgroupVersion.V1;
        NamedV1Mounts.removeTree(mountPoint(), !v1);
        if (v1) {
            try {
                if (!NamedV1Mounts.unmountAndFree(name, mountPoint())) {
                    System.err.println("cgscope: the hierarchy " + name + " is still listed by the kernel after unmounting");
                }
            } catch (IOException e) {
                // the mount stays, and the directory it is in: say where, so that it can be removed by hand
                System.err.println("cgscope: could not unmount " + mountPoint() + ": " + e.getMessage());
                return;
            }
        }
        deleteScratch(scratch);
    }

    private static void deleteScratch(Path scratch) {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("cgscope: could not remove " + scratch + ": " + e.getMessage());
        }
    }

    /** This process's start time in clock ticks since boot (field 22 of /proc/self/stat). */
    private static String startTime() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[22 - 3];
    }

    private static String random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
