package io.cgscope.ui;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A v1 hierarchy laid out in a temp directory the way cgroupfs lays it out: the window's fast
 * tests read it with the real {@link CgroupReader}.
 */
public final class FixtureTree {
    private final Path dir;
    private final Hierarchy hierarchy;

    public FixtureTree(Path dir, String name) {
        this.dir = dir;
        this.hierarchy = new Hierarchy("fixture:" + name, CgroupVersion.V1, List.of(), name, dir, "/", List.of(),
                null, false, false);
        cgroup("/", false);
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public Path dir() {
        return dir;
    }

    /** Creates (or rewrites) the cgroup at {@code path} with notify_on_release and the given tasks. */
    public FixtureTree cgroup(String path, boolean notify, int... pids) {
        Path d = pathOf(path);
        try {
            Files.createDirectories(d);
            String ids = Arrays.stream(pids).mapToObj(Integer::toString).collect(Collectors.joining("\n"));
            Files.writeString(d.resolve("cgroup.procs"), ids.isEmpty() ? "" : ids + "\n");
            Files.writeString(d.resolve("tasks"), ids.isEmpty() ? "" : ids + "\n");
            Files.writeString(d.resolve("notify_on_release"), notify ? "1\n" : "0\n");
            Files.writeString(d.resolve("cgroup.clone_children"), "0\n");
            if ("/".equals(path)) {
                Files.writeString(d.resolve("release_agent"), "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Removes the cgroup at {@code path} with everything below it. */
    public FixtureTree remove(String path) {
        try (Stream<Path> all = Files.walk(pathOf(path))) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Snapshot read() {
        try {
            return new CgroupReader(hierarchy).read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path pathOf(String path) {
        return "/".equals(path) ? dir : dir.resolve(path.substring(1));
    }
}
