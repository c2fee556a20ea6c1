package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the directories a user names into hierarchies and cgroups, or into a clear refusal. */
public final class Targets {
    private Targets() {
    }

    /** Every hierarchy of the machine when {@code dirs} is empty, else one target per directory. */
    public static List<Target> resolve(List<Path> dirs, Path mountinfo) throws IOException, NotACgroupException {
        List<Hierarchy> all = Hierarchies.discover(mountinfo);
        List<Target> result = new ArrayList<>();
        if (dirs.isEmpty()) {
            for (Hierarchy h : all) {
                result.add(new Target(h, h.mountRoot()));
            }
            return result;
        }
        for (Path dir : dirs) {
            result.add(resolve(dir, all));
        }
        return result;
    }

    static Target resolve(Path dir, List<Hierarchy> all) throws NotACgroupException {
        if (!Files.isDirectory(dir)) {
            throw new NotACgroupException(dir + ": no such directory");
        }
        Optional<CgroupVersion> version = FsType.cgroupVersionOf(dir);
        if (version.isEmpty()) {
            throw new NotACgroupException(dir + " is not a cgroup filesystem (statfs f_type 0x"
                    + Long.toHexString(FsType.magic(dir)) + ", expected 0x27e0eb for v1 or 0x63677270 for v2)");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new NotACgroupException(dir + ": " + e.getMessage());
        }
        Hierarchy best = null;
        Path bestMount = null;
        for (Hierarchy h : all) {
            List<Path> mounts = new ArrayList<>(h.otherMountPoints());
            mounts.add(0, h.mountPoint());
            for (Path m : mounts) {
                if (real.startsWith(m) && (bestMount == null || m.getNameCount() > bestMount.getNameCount())) {
                    best = h;
                    bestMount = m;
                }
            }
        }
        if (best == null || best.version() != version.get()) {
            throw new NotACgroupException(dir + " is a cgroup v" + version.get().number()
                    + " directory, but no mount of it is listed in /proc/self/mountinfo");
        }
        Path rel = bestMount.relativize(real);
        String path = best.mountRoot();
        for (Path part : rel) {
            if (!part.toString().isEmpty()) {
                path = io.cgscope.model.Paths.child(path, part.toString());
            }
        }
        return new Target(best, path);
    }
}
