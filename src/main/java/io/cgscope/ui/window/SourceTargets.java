package io.cgscope.ui.window;

import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the window shows: every hierarchy, or the directories named. A plain directory laid out
 * like cgroupfs (a fixture tree, with a {@code cgroup.procs} file) is shown as a v1 hierarchy of
 * its own, so screenshots and demonstrations need no mount.
 */
final class SourceTargets {
    private SourceTargets() {
    }

    static List<Target> resolve(List<Path> dirs) throws IOException, NotACgroupException {
        Path mountinfo = Path.of("/proc/self/mountinfo");
        if (dirs.isEmpty()) {
            return Targets.resolve(List.of(), mountinfo);
        }
        List<Target> result = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                result.addAll(Targets.resolve(List.of(dir), mountinfo));
            } catch (NotACgroupException e) {
                if (!Files.isRegularFile(dir.resolve("cgroup.procs"))) {
                    throw e;
                }
                result.add(new Target(fixture(dir), "/"));
            }
        }
        return result;
    }

    static Hierarchy fixture(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new Hierarchy("fixture:" + abs, CgroupVersion.V1, List.of(), "fixture", abs, "/", List.of(),
                null, false, false);
    }
}
