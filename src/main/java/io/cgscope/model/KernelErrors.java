package io.cgscope.model;

import java.util.List;

/**
 * Turns the errno a cgroupfs write failed with into one sentence that says what happened and
 * why, for the write that was attempted. The one place where errno meets words: the real kernel's
 * writer and the simulated kernel both speak through it, so a refusal reads the same on either.
 */
public final class KernelErrors {
    private KernelErrors() {
    }

    /**
     * @param kind    the write that failed
     * @param errno   what the kernel answered
     * @param cgroup  the cgroup path written to (for release_agent: the hierarchy root "/")
     * @param value   what was written (a pid, a name, a path), for the sentence
     */
    public static String sentence(WriteKind kind, int errno, String cgroup, String value) {
        String code = " (" + Errno.name(errno) + ")";
        switch (errno) {
            case Errno.ENOENT, Errno.ENODEV:
                if (kind == WriteKind.MKDIR) {
                    return "The parent cgroup " + cgroup + " vanished before " + quoted(value) + " could be created" + code + ".";
                }
                return "The cgroup " + cgroup + " vanished: it no longer exists" + code + ".";
            case Errno.EPERM:
                if (kind == WriteKind.RELEASE_AGENT) {
                    return "Writing release_agent needs CAP_SYS_ADMIN in the initial user namespace" + code + ".";
                }
                if (kind == WriteKind.MOVE_PROCESS) {
                    return "Not permitted to move process " + value + code
                            + ": the writer must own it or be root in its user namespace.";
                }
                return "Not permitted to change " + kind.what() + " of " + cgroup + code + ".";
            case Errno.EACCES:
                if (kind == WriteKind.MOVE_PROCESS) {
                    return "Permission denied moving process " + value + code
                            + ": the files of the cgroups involved do not allow this user to write them.";
                }
                return "Permission denied for " + kind.what() + " of " + cgroup + code
                        + ": the file's permissions do not allow this user to write it.";
            case Errno.E2BIG:
                return "The kernel refused the release agent path as too long" + code
                        + ": it takes at most 4,095 bytes.";
            case Errno.ESRCH:
                return "No process with pid " + value + code + ": it has exited, or never existed.";
            case Errno.EINVAL:
                return switch (kind) {
                    case MOVE_PROCESS -> "The kernel will not move process " + value + " into " + cgroup + code
                            + ": kernel threads and some special processes cannot be moved; in v2 a cgroup that"
                            + " enables controllers for its children cannot hold processes.";
                    case NOTIFY_ON_RELEASE, CLONE_CHILDREN, FREEZE ->
                            "The kernel refused " + quoted(value) + " for " + kind.what() + code + ": it takes 0 or 1.";
                    case RELEASE_AGENT -> "The kernel refused " + quoted(value) + " as release agent" + code + ".";
                    default -> "The kernel refused " + kind.what() + " of " + cgroup + " as invalid" + code + ".";
                };
            case Errno.EBUSY:
                if (kind == WriteKind.RMDIR) {
                    return "The cgroup " + cgroup + " is busy" + code + ": it still has tasks or child cgroups.";
                }
                return "The kernel is busy with " + cgroup + code + "; try again.";
            case Errno.EEXIST:
                return "A cgroup or file named " + quoted(value) + " already exists in " + cgroup + code + ".";
            case Errno.ENOSPC:
                return "The kernel's limit on cgroups was reached below " + cgroup + code
                        + " (cgroup.max.descendants or cgroup.max.depth, or the hierarchy's ID space).";
            case Errno.ENAMETOOLONG:
                return "The name " + quoted(value) + " is too long for the kernel" + code + ".";
            case Errno.ENOTEMPTY:
                return "The cgroup " + cgroup + " still has child cgroups" + code + ".";
            default:
                return "The kernel refused " + kind.what() + " of " + cgroup + ": "
                        + Errno.describe(errno) + code + ".";
        }
    }

    /**
     * The EBUSY of rmdir made precise with what the cgroup holds now: which tasks, which children.
     * Either may have changed since the refusal; the sentence says what was read right after it.
     */
    public static String busyRemoving(String cgroup, List<Integer> pids, List<String> children) {
        StringBuilder why = new StringBuilder();
        if (!pids.isEmpty()) {
            why.append(pids.size() == 1 ? "it still has process " : "it still has " + pids.size() + " processes (")
                    .append(shortList(pids.stream().map(String::valueOf).toList()))
                    .append(pids.size() == 1 ? "" : ")");
        }
        if (!children.isEmpty()) {
            if (!why.isEmpty()) {
                why.append(" and ");
            }
            why.append(children.size() == 1 ? "it has the child cgroup " : "it has " + children.size() + " child cgroups (")
                    .append(shortList(children.stream().map(Paths::name).toList()))
                    .append(children.size() == 1 ? "" : ")");
        }
        if (why.isEmpty()) {
            why.append("it held tasks or children a moment ago; they are gone now, so try again");
        }
        return "Cannot remove " + cgroup + " (EBUSY): " + why + ".";
    }

    private static String shortList(List<String> items) {
        int shown = Math.min(items.size(), 5);
        String s = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + ", ..." : s;
    }

    private static String quoted(String value) {
        return value == null ? "the value" : "\"" + value + "\"";
    }
}
