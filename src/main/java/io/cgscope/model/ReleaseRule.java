package io.cgscope.model;

/**
 * The rule of today's kernel (kernel/cgroup/cgroup-v1.c, {@code cgroup_is_releasable} and
 * {@code check_for_release}): a v1 cgroup is releasable when notify_on_release is 1, no task is
 * in its subtree, it has no child cgroup, and it is not the root. The kernel checks the rule only
 * when a cgroup loses its last task or its last child, so a cgroup that meets the rule without
 * such a transition waits; the reason says so. v2 has no release agent: emptiness is told by
 * {@code populated} instead.
 */
public final class ReleaseRule {
    static final String V2_ROOT = "root of the v2 hierarchy: v2 has no release agent";
    static final String V1_ROOT = "root of the hierarchy: the kernel never releases it";
    static final String V2_EMPTY = "empty (populated 0): v2 has no release agent, emptiness is the signal";
    static final String RELEASABLE = "empty, notify_on_release 1: the agent runs when its last task"
            + " leaves or its last child is removed (never for a cgroup that had neither)";
    static final String NOTIFY_OFF = "empty, but notify_on_release is 0: the kernel will not run the agent";

    private ReleaseRule() {
    }

    /**
     * @param version   the hierarchy's version
     * @param files     what the cgroup's own files say
     * @param populated whether any task is in its subtree (v2: {@code cgroup.events}; v1: computed)
     */
    public static Verdict judge(CgroupVersion version, CgroupFiles files, boolean populated) {
        if (version == CgroupVersion.V2) {
            return judgeV2(files, populated);
        }
        if (files.isRoot()) {
            return new Verdict(false, V1_ROOT);
        }
        if (files.taskCount() < 0) {
            return new Verdict(false, "tasks unreadable: releasability unknown");
        }
        Boolean notify = files.notifyOnRelease();
        String notifyNote = Boolean.FALSE.equals(notify) ? ", notify_on_release is 0" : "";
        int tasks = files.taskCount();
        if (tasks > 0) {
            return new Verdict(false, count(tasks, "task") + notifyNote);
        }
        int children = files.children().size();
        if (children > 0) {
            String below = populated ? ", tasks below" : "";
            return new Verdict(false, "has " + count(children, "child cgroup") + below + notifyNote);
        }
        if (notify == null) {
            return new Verdict(false, "empty, notify_on_release unreadable");
        }
        return notify ? new Verdict(true, RELEASABLE) : new Verdict(false, NOTIFY_OFF);
    }

    private static Verdict judgeV2(CgroupFiles files, boolean populated) {
        if (files.isRoot()) {
            return new Verdict(false, V2_ROOT);
        }
        if (!populated) {
            return new Verdict(false, V2_EMPTY);
        }
        int tasks = files.procs() == null ? 0 : files.procs().size();
        String here = tasks > 0 ? count(tasks, "process") : "no process here";
        return new Verdict(false, "populated: " + here + (files.children().isEmpty() ? "" : ", "
                + count(files.children().size(), "child cgroup")));
    }

    static String count(int n, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
