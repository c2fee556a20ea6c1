package io.cgscope.kernel;

/**
 * One event of the kernel's proc connector, as {@link ProcConnector} decodes it.
 *
 * @param kind        what happened
 * @param pid         the task the event is about: the child of a fork, the task that exited
 *                    (a thread id when a thread forked or exited)
 * @param tgid        its thread group, the process id: equal to {@code pid} for a process, not for a thread
 * @param parentPid   for a fork, the parent the kernel names ({@code real_parent}): the thread
 *                    that forked a new process, but for a new thread its process's parent, not
 *                    the thread that made it; otherwise 0
 * @param parentTgid  for a fork, that parent's process; otherwise 0
 * @param timestampNs the kernel's monotonic clock when it happened
 */
public record ProcEvent(Kind kind, int pid, int tgid, int parentPid, int parentTgid, long timestampNs) {
    public enum Kind {
        FORK,
        EXEC,
        EXIT,
        /** Any other event the kernel sends (uid, gid, sid, comm, ptrace, coredump changes). */
        OTHER,
        /**
         * The socket's receive buffer overflowed ({@code ENOBUFS}): some events were dropped, and
         * nothing says which. Whoever follows tasks by events must look again at everything.
         */
        LOST
    }

    /** True for the exit of a whole process (its thread group leader), false for one thread. */
    public boolean processExit() {
        return kind == Kind.EXIT && pid == tgid;
    }

    public static ProcEvent lost() {
        return new ProcEvent(Kind.LOST, 0, 0, 0, 0, 0);
    }
}
