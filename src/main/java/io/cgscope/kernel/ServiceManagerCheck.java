package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells whether a service manager (systemd, or any init that places itself) owns a hierarchy:
 * the {@code name=systemd} hierarchy, or one where PID 1 lives outside the root cgroup, which
 * means someone arranged the tree and will expect it to stay as arranged.
 */
public final class ServiceManagerCheck {
    public static final Path INIT_CGROUP = Path.of("/proc/1/cgroup");

    private ServiceManagerCheck() {
    }

    public static String ownerOf(Hierarchy hierarchy) {
        return ownerOf(hierarchy, INIT_CGROUP);
    }

    /**
     * Why writes to {@code hierarchy} should be confirmed, in one sentence, or null when nothing
     * says a service manager owns it.
     *
     * @param initCgroup PID 1's {@code cgroup} file, lines {@code id:controllers:path}
     */
    public static String ownerOf(Hierarchy hierarchy, Path initCgroup) {
        if ("systemd".equals(hierarchy.name())) {
            return "The name=systemd hierarchy belongs to systemd, which tracks its services by it.";
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(initCgroup);
        } catch (IOException e) {
            return null;
        }
        for (String line : lines) {
            int first = line.indexOf(':');
            int second = line.indexOf(':', first + 1);
            if (first < 0 || second < 0) {
                continue;
            }
            String keys = line.substring(first + 1, second);
            String path = line.substring(second + 1);
            if (matches(hierarchy, keys) && !"/".equals(path)) {
                return "PID 1 lives in " + path + " of this hierarchy, not in its root: a service manager"
                        + " arranged it and expects it to stay as arranged.";
            }
        }
        return null;
    }

    /** The middle field names a v1 hierarchy by its controllers and name=, a v2 one by nothing. */
    private static boolean matches(Hierarchy hierarchy, String keys) {
        if (hierarchy.version() == CgroupVersion.V2) {
            return keys.isEmpty();
        }
        if (keys.isEmpty()) {
            return false;
        }
        Set<String> expected = new HashSet<>(hierarchy.controllers());
        if (hierarchy.name() != null) {
            expected.add("name=" + hierarchy.name());
        }
        return expected.equals(Set.of(keys.split(",")));
    }
}
