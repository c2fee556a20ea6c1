package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelErrorsTest {

    @Test
    void epermOnReleaseAgentNamesTheCapabilityAndNamespace() {
        String s = KernelErrors.sentence(WriteKind.RELEASE_AGENT, Errno.EPERM, "/", "/sbin/agent");
        assertTrue(s.contains("needs CAP_SYS_ADMIN in the initial user namespace"), s);
    }

    @Test
    void e2bigSaysTheLimit() {
        String s = KernelErrors.sentence(WriteKind.RELEASE_AGENT, Errno.E2BIG, "/", "/x");
        assertTrue(s.contains("at most 4,095 bytes") && s.contains("E2BIG"), s);
    }

    @Test
    void einvalOnAMoveExplainsWhatCannotMove() {
        String s = KernelErrors.sentence(WriteKind.MOVE_PROCESS, Errno.EINVAL, "/a", "2");
        assertTrue(s.contains("will not move process 2 into /a") && s.contains("kernel threads"), s);
    }

    @Test
    void einvalOnAFlagSaysWhatItTakes() {
        String s = KernelErrors.sentence(WriteKind.NOTIFY_ON_RELEASE, Errno.EINVAL, "/a", "yes");
        assertTrue(s.contains("\"yes\"") && s.contains("takes 0 or 1"), s);
    }

    @Test
    void ebusyOnRmdirSaysTasksOrChildren() {
        String s = KernelErrors.sentence(WriteKind.RMDIR, Errno.EBUSY, "/a", null);
        assertTrue(s.contains("tasks or child cgroups"), s);
    }

    @Test
    void busyRemovingNamesTheProcessesAndChildrenFound() {
        assertEquals("Cannot remove /a (EBUSY): it still has process 42.",
                KernelErrors.busyRemoving("/a", List.of(42), List.of()));
        assertEquals("Cannot remove /a (EBUSY): it still has 2 processes (7, 9) and it has the child cgroup b.",
                KernelErrors.busyRemoving("/a", List.of(7, 9), List.of("/a/b")));
        assertEquals("Cannot remove /a (EBUSY): it has 6 child cgroups (c1, c2, c3, c4, c5, ...).",
                KernelErrors.busyRemoving("/a", List.of(),
                        List.of("/a/c1", "/a/c2", "/a/c3", "/a/c4", "/a/c5", "/a/c6")));
    }

    @Test
    void esrchSaysTheProcessExited() {
        String s = KernelErrors.sentence(WriteKind.MOVE_PROCESS, Errno.ESRCH, "/a", "4321");
        assertTrue(s.contains("No process with pid 4321") && s.contains("exited"), s);
    }

    @Test
    void eaccesSaysPermissionsForbidIt() {
        String s = KernelErrors.sentence(WriteKind.NOTIFY_ON_RELEASE, Errno.EACCES, "/a", "1");
        assertTrue(s.contains("Permission denied") && s.contains("permissions"), s);
    }

    @Test
    void enoentAndEnodevSayTheCgroupVanished() {
        for (int errno : new int[] {Errno.ENOENT, Errno.ENODEV}) {
            String s = KernelErrors.sentence(WriteKind.NOTIFY_ON_RELEASE, errno, "/a", "1");
            assertTrue(s.contains("/a vanished"), s);
        }
    }

    @Test
    void eexistOnMkdirNamesTheClash() {
        String s = KernelErrors.sentence(WriteKind.MKDIR, Errno.EEXIST, "/a", "tasks");
        assertTrue(s.contains("\"tasks\" already exists in /a"), s);
    }

    @Test
    void anUnexpectedErrnoStillNamesItAndTheKernelsWords() {
        String s = KernelErrors.sentence(WriteKind.FREEZE, 5, "/a", "1");
        assertTrue(s.contains("EIO") && s.contains("Input/output error"), s);
    }

    @Test
    void anErrnoWithoutANameIsStillReportedByNumber() {
        String s = KernelErrors.sentence(WriteKind.NOTIFY_ON_RELEASE, 121, "/a", "1");
        assertTrue(s.contains("errno 121") && s.contains("Unknown error 121"), s);
    }
}
