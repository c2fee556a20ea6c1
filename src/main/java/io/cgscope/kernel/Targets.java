package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Paths;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the directories a user names into hierarchies and cgroups, or into a clear refusal. */
public final class Targets {
    private Targets() {
    }

    /**
     * Every hierarchy of the machine when {@code dirs} is empty, else one target per directory.
     * Two directories that name the same cgroup, or one inside the other, are refused: the second
     * would only repeat part of the first.
     */
    public static List<Target> resolve(List<Path> dirs, Path mountinfo) throws IOException, NotACgroupException {
        List<MountEntry> mounts = MountInfo.read(mountinfo);
        List<Hierarchy> all = Hierarchies.of(mounts);
        List<Target> result = new ArrayList<>();
        if (dirs.isEmpty()) {
            for (Hierarchy h : all) {
                result.add(new Target(h, h.mountRoot()));
            }
            return result;
        }
        for (Path dir : dirs) {
            Target t = resolve(dir, mounts, all);
            for (int i = 0; i < result.size(); i++) {
                refuseOverlap(dirs.get(i), result.get(i), dir, t);
            }
            result.add(t);
        }
        return result;
    }

    /**
     * Refuses what cannot be a directory of cgroups at all: an empty path (which Java would take
     * for the working directory), a missing path, a file.
     */
    static void requireDirectory(Path dir) throws NotACgroupException {
        if (dir.toString().isEmpty()) {
            throw new NotACgroupException("an empty path names no directory");
        }
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NotACgroupException(dir + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new NotACgroupException(dir + ": permission denied");
        } catch (IOException e) {
            throw new NotACgroupException(dir + ": cannot be examined (" + e.getMessage() + ")");
        }
        if (a.isRegularFile()) {
            throw new NotACgroupException(dir + " is a file, not a directory");
        }
        if (!a.isDirectory()) {
            throw new NotACgroupException(dir + " is not a directory");
        }
    }

    private static Target resolve(Path dir, List<MountEntry> mounts, List<Hierarchy> all) throws NotACgroupException {
        requireDirectory(dir);
        long magic = FsType.magic(dir);
        if (magic == -1) {
            throw new NotACgroupException(dir + ": statfs(2) failed, so it cannot be told to be a cgroup filesystem");
        }
        Optional<CgroupVersion> version = FsType.cgroupVersionOf(dir);
        if (version.isEmpty()) {
            throw new NotACgroupException(dir + " is not a cgroup filesystem (statfs f_type 0x"
                    + Long.toHexString(magic) + ", expected 0x27e0eb for v1 or 0x63677270 for v2)");
        }
        Path real;
        String device;
        try {
            real = dir.toRealPath();
            device = device((Long) Files.getAttribute(real, "unix:dev"));
        } catch (IOException e) {
            throw new NotACgroupException(dir + ": " + e.getMessage());
        }
        Hierarchy h = all.stream().filter(x -> x.device().equals(device)).findFirst().orElse(null);
        MountEntry mount = h == null ? null : mountHolding(real, device, mounts);
        if (mount == null) {
            throw new NotACgroupException(dir + " is a cgroup v" + version.get().number()
                    + " directory, but no mount of it is listed in /proc/self/mountinfo");
        }
        // The mount shows the cgroup at its root field (a bind mount of /child shows /child at its
        // mount point): paths count from the hierarchy's root, as the kernel hands them to the agent.
        String path = mount.root();
        for (Path part : mount.mountPoint().relativize(real)) {
            if (!part.toString().isEmpty()) {
                path = Paths.child(path, part.toString());
            }
        }
        return new Target(Paths.isWithin(path, h.mountRoot()) ? h : throughMount(h, mount), path);
    }

    /**
     * The mount of {@code device} through which {@code real} is reached: the deepest mount point
     * above it, and of mounts stacked at one place the last one listed, which hides the others.
     */
    private static MountEntry mountHolding(Path real, String device, List<MountEntry> mounts) {
        MountEntry best = null;
        for (MountEntry m : mounts) {
            if (m.device().equals(device) && m.reachable() && real.startsWith(m.mountPoint())
                    && (best == null || m.mountPoint().getNameCount() >= best.mountPoint().getNameCount())) {
                best = m;
            }
        }
        return best;
    }

    /** The hierarchy read through {@code mount}, for a cgroup its main mount does not show. */
    private static Hierarchy throughMount(Hierarchy h, MountEntry mount) {
        List<Path> others = new ArrayList<>(h.otherMountPoints());
        others.remove(mount.mountPoint());
        others.add(0, h.mountPoint());
        return new Hierarchy(h.device(), h.version(), h.controllers(), h.name(), mount.mountPoint(), mount.root(),
                others, h.releaseAgentOption(), h.noprefix(), h.cloneChildrenOption());
    }

    private static void refuseOverlap(Path firstDir, Target first, Path dir, Target t) throws NotACgroupException {
        if (!first.hierarchy().device().equals(t.hierarchy().device())) {
            return;
        }
        String of = " of " + t.hierarchy().title();
        if (first.cgroupPath().equals(t.cgroupPath())) {
            throw new NotACgroupException(firstDir + " and " + dir + " are the same cgroup, " + t.cgroupPath() + of
                    + ": give it once");
        }
        if (Paths.isWithin(t.cgroupPath(), first.cgroupPath())) {
            throw new NotACgroupException(dir + " lies inside " + firstDir + " (" + t.cgroupPath() + " in "
                    + first.cgroupPath() + of + "), which shows it already: give only " + firstDir);
        }
        if (Paths.isWithin(first.cgroupPath(), t.cgroupPath())) {
            throw new NotACgroupException(firstDir + " lies inside " + dir + " (" + first.cgroupPath() + " in "
                    + t.cgroupPath() + of + "), which shows it already: give only " + dir);
        }
    }

    /** {@code st_dev} as mountinfo writes it, "major:minor" (glibc's encoding of dev_t). */
    static String device(long dev) {
        long major = ((dev & 0xfff00L) >>> 8) | ((dev & 0xfffff00000000000L) >>> 32);
        long minor = (dev & 0xffL) | ((dev & 0xffffff00000L) >>> 12);
        return major + ":" + minor;
    }
}
