package io.cgscope.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each cgroup of a small hierarchy looks like at one moment, as far as release is concerned:
 * tasks in its subtree, children, notify_on_release. Two of them, before and after a step, tell
 * the transitions at which the kernel checks a cgroup for release: its subtree lost its last task,
 * or it lost a child. A cgroup that vanishes while it is read is left out.
 */
record CgroupStates(Map<String, State> byPath) {
    record State(boolean populated, int children, boolean notifyOnRelease, String procs) {
    }

    /**
     * @param rootHoldsTheMachine whether the root cgroup holds every other process of the machine
     *                            (a new v1 hierarchy does): its {@code cgroup.procs}, long, costly to
     *                            read and never still, is then not read; the root counts as populated
     */
    static CgroupStates read(Path mountPoint, boolean rootHoldsTheMachine) throws IOException {
        Map<String, State> out = new HashMap<>();
        walk(mountPoint, "/", rootHoldsTheMachine, out);
        return new CgroupStates(Map.copyOf(out));
    }

    /** Reads {@code dir} and below; returns whether a task is in that subtree (false when it vanished). */
    private static boolean walk(Path dir, String path, boolean skipProcs, Map<String, State> out) throws IOException {
        String procs;
        boolean notify;
        List<Path> children = new ArrayList<>();
        try {
            procs = skipProcs ? "" : Files.readString(dir.resolve("cgroup.procs"));
            Path flag = dir.resolve("notify_on_release");
            notify = Files.exists(flag) && Files.readString(flag).strip().equals("1");
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        children.add(p);
                    }
                }
            }
        } catch (NoSuchFileException vanished) {
            return false;
        }
        boolean populated = skipProcs || !procs.isBlank();
        for (Path c : children) {
            String name = c.getFileName().toString();
            populated |= walk(c, "/".equals(path) ? "/" + name : path + "/" + name, false, out);
        }
        out.put(path, new State(populated, children.size(), notify, procs));
        return populated;
    }

    /**
     * The cgroups today's kernel checks for release between {@code before} and this state, and
     * that pass the check (notify_on_release 1, no task below, no child, not the root): those it
     * starts the agent for. The check is made where the subtree lost its last task
     * ({@code cgroup_update_populated}) and on the parent of a removed cgroup
     * ({@code cgroup_destroy_locked}).
     */
    List<String> releasedSince(CgroupStates before) {
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, State> e : before.byPath.entrySet()) {
            String path = e.getKey();
            State now = byPath.get(path);
            if (now == null && !"/".equals(path)) {
                checked.add(parent(path));
            } else if (now != null && e.getValue().populated() && !now.populated()) {
                checked.add(path);
            }
        }
        return checked.stream().distinct().filter(p -> {
            State s = byPath.get(p);
            return s != null && !"/".equals(p) && s.notifyOnRelease() && !s.populated() && s.children() == 0;
        }).sorted().toList();
    }

    boolean populated(String path) {
        State s = byPath.get(path);
        return s != null && s.populated();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash == 0 ? "/" : path.substring(0, slash);
    }
}
