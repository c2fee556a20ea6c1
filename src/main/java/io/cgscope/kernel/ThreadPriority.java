package io.cgscope.kernel;

/**
 * The nice value of one thread. On Linux, setpriority(2) with a thread id changes that thread
 * only, so a program can run its background work behind the threads a person is waiting on.
 * Raising one's own nice value needs no privilege.
 */
public final class ThreadPriority {
    private static final int PRIO_PROCESS = 0;

    private ThreadPriority() {
    }

    /**
     * Sets the calling thread's nice value. Best effort: false where the kernel refused it or
     * libc could not be reached; the thread then simply runs at the priority it had.
     */
    public static boolean setCurrentThreadNiceness(int niceness) {
        try {
            Syscalls.Libc libc = Syscalls.Libc.INSTANCE;
            return libc.setpriority(PRIO_PROCESS, libc.gettid(), niceness) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
