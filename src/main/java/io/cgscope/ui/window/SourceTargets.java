package io.cgscope.ui.window;

import io.cgscope.kernel.Fixtures;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the window shows: every hierarchy, the cgroup directories named with {@code --root}, or the
 * fixture trees named with {@code --fixture}. Resolved before any JavaFX class loads, so that a
 * wrong directory is one line and exit code 2 whether or not there is a display. A directory that
 * is not a cgroupfs is never taken for a fixture: that takes {@code --fixture}, by name.
 */
public final class SourceTargets {
    private final List<Target> targets;
    private final List<Path> fixtures;

    private SourceTargets(List<Target> targets, List<Path> fixtures) {
        this.targets = List.copyOf(targets);
        this.fixtures = List.copyOf(fixtures);
    }

    public static SourceTargets resolve(DesktopOptions options) throws IOException, NotACgroupException {
        if (!options.fixtures().isEmpty()) {
            return new SourceTargets(Fixtures.resolve(options.fixtures()), options.fixtures());
        }
        return new SourceTargets(Targets.resolve(options.roots(), MountInfo.SELF), List.of());
    }

    List<Target> targets() {
        return targets;
    }

    /** Why nothing shown may be written, whatever the privileges: fixture trees; null for cgroups. */
    String whyFixtureReadOnly() {
        if (fixtures.isEmpty()) {
            return null;
        }
        String dirs = fixtures.stream().map(Path::toString).collect(Collectors.joining(", "));
        boolean one = fixtures.size() == 1;
        return "Read-only: " + dirs + (one ? " is a fixture tree, a plain directory" : " are fixture trees, plain directories")
                + " laid out like cgroupfs, not a cgroup filesystem. cgscope shows " + (one ? "it" : "them")
                + " and never writes to " + (one ? "it" : "them") + "; open a cgroup hierarchy with --root to edit.";
    }
}
