package io.cgscope.kernel;

/**
 * The nice value of single threads. On Linux, setpriority(2) with a thread's kernel id changes
 * that thread only, so a program can run its background work behind the threads a person is
 * waiting on. Raising a nice value needs no privilege.
 */
public final class ThreadPriority {
    private static final int PRIO_PROCESS = 0;

    private ThreadPriority() {
    }

    /** The kernel's id of the calling thread; -1 where libc could not be reached. */
    public static int currentThreadId() {
        try {
            return Syscalls.Libc.INSTANCE.gettid();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Sets the nice value of the thread {@code tid} of this process. Best effort: false where
     * the kernel refused it (the thread ended, say) or libc could not be reached; the thread
     * then runs at the priority it had.
     */
    public static boolean setNiceness(int tid, int niceness) {
        if (tid <= 0) {
            return false;
        }
        try {
            return Syscalls.Libc.INSTANCE.setpriority(PRIO_PROCESS, tid, niceness) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
