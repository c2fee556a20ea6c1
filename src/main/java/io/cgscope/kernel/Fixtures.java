package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixture trees: plain directories laid out like a v1 cgroupfs (a {@code cgroup.procs} file in
 * each), for tests, screenshots and demonstrations without a mount. Read like a hierarchy, never
 * written: anyone who owns such a directory decides where its "interface files" point, so a
 * fixture is opened only when asked for by name, and its hierarchy is told apart by its identity
 * ({@code fixture:} and its path, where a real hierarchy has its superblock's "major:minor").
 */
public final class Fixtures {
    private static final String DEVICE_PREFIX = "fixture:";

    private Fixtures() {
    }

    /** One target per fixture directory, each shown whole. */
    public static List<Target> resolve(List<Path> dirs) throws NotACgroupException {
        List<Target> result = new ArrayList<>();
        List<Path> reals = new ArrayList<>();
        for (Path dir : dirs) {
            Hierarchy h = hierarchy(dir);
            for (int i = 0; i < reals.size(); i++) {
                if (h.mountPoint().startsWith(reals.get(i)) || reals.get(i).startsWith(h.mountPoint())) {
                    throw new NotACgroupException(dirs.get(i) + " and " + dir
                            + " are the same fixture tree, or one lies inside the other: give one of them");
                }
            }
            reals.add(h.mountPoint());
            result.add(new Target(h, "/"));
        }
        return result;
    }

    private static Hierarchy hierarchy(Path dir) throws NotACgroupException {
        Targets.requireDirectory(dir);
        if (FsType.cgroupVersionOf(dir).isPresent()) {
            throw new NotACgroupException(dir + " is a cgroup filesystem, not a fixture tree: open it with --root");
        }
        if (!Files.isRegularFile(dir.resolve("cgroup.procs"))) {
            throw new NotACgroupException(dir + " is not a fixture tree: it has no cgroup.procs file");
        }
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException e) {
            throw new NotACgroupException(dir + ": " + e.getMessage());
        }
        return new Hierarchy(DEVICE_PREFIX + real, CgroupVersion.V1, List.of(), "fixture", real, "/", List.of(),
                null, false, false);
    }
}
