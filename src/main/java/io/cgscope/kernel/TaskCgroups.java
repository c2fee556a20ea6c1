package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.NameBytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a task lives: its {@code /proc/PID/task/TID/cgroup} file, a line a hierarchy,
 * {@code id:controllers:path} (v1: the controllers and {@code name=} of the hierarchy, v2: empty),
 * the path as the hierarchy names it, in this process's cgroup namespace. The path is the bytes of
 * the cgroup's names, not escaped: a name holding a newline would break its line, so such a line
 * is left out rather than misread.
 */
public final class TaskCgroups {
    /** One line: the hierarchy's keys as written, and the cgroup's path. */
    public record Line(String keys, String path) {
        /** Whether this line is about {@code hierarchy}. */
        public boolean names(Hierarchy hierarchy) {
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

    private TaskCgroups() {
    }

    /** The lines of a {@code cgroup} file of /proc; a line of another shape is left out. */
    public static List<Line> parse(byte[] file) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= file.length; i++) {
            if (i == file.length || file[i] == '\n') {
                line(file, start, i).ifPresent(lines::add);
                start = i + 1;
            }
        }
        return lines;
    }

    private static java.util.Optional<Line> line(byte[] file, int from, int to) {
        int first = indexOf(file, from, to, (byte) ':');
        int second = first < 0 ? -1 : indexOf(file, first + 1, to, (byte) ':');
        if (second < 0 || second + 1 >= to || file[second + 1] != '/') {
            return java.util.Optional.empty();
        }
        String keys = new String(file, first + 1, second - first - 1, java.nio.charset.StandardCharsets.US_ASCII);
        return java.util.Optional.of(new Line(keys, NameBytes.decode(file, second + 1, to)));
    }

    private static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The cgroup of each of {@code hierarchies} the task {@code tid} of process {@code tgid} is in
     * now; empty when the task is gone (a normal race: it may exit as soon as it is born).
     */
    public static Map<Hierarchy, String> of(int tgid, int tid, List<Hierarchy> hierarchies) {
        return of(Path.of("/proc", Integer.toString(tgid), "task", Integer.toString(tid), "cgroup"), hierarchies);
    }

    static Map<Hierarchy, String> of(Path file, List<Hierarchy> hierarchies) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return Map.of();
        }
        Map<Hierarchy, String> where = new LinkedHashMap<>();
        for (Line line : parse(bytes)) {
            for (Hierarchy h : hierarchies) {
                if (line.names(h)) {
                    where.put(h, line.path());
                }
            }
        }
        return where;
    }
}
