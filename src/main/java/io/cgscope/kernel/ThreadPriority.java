package io.cgscope.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

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
     * the thread is not (or no longer) one of this process, the kernel refused it, or libc could
     * not be reached; the thread then runs at the priority it had.
     */
    public static boolean setNiceness(int tid, int niceness) {
        // A thread that ended may have left its id to a thread of another process, which root
        // could renice as well: only the ids listed under /proc/self/task are ours.
        if (tid <= 0 || !Files.isDirectory(Path.of("/proc/self/task", Integer.toString(tid)))) {
            return false;
        }
        try {
            return Syscalls.Libc.INSTANCE.setpriority(PRIO_PROCESS, tid, niceness) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }
}
