package io.cgscope.local;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.Privileges;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ProcessRow;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.ui.FixtureTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This machine behind the seam, as {@code --root} and {@code --fixture} open it: the text of a
 * file, the cgroup as it is now, the release agent, a process, and what may be written, each
 * checked against the kernel's own files.
 */
class LocalHostTest {
    private static final Privileges ROOT = new Privileges(0, true, true);
    private static final Privileges USER = new Privileges(1000, false, true);

    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();

    private CgroupHost open(Privileges privileges) throws Exception {
        return HostOpener.open(new HostOpener.Request(List.of(mounted.get().dir()), List.of(),
                HostOpener.Following.READ_ONCE), MountInfo.SELF, privileges);
    }

    @Test
    void aKernelHostReadsWhatTheKernelHasAndWritesWhereAllowed() throws Exception {
        PrivateHierarchy h = mounted.get();
        h.mkdir("/job");
        h.write("/job", "notify_on_release", "1");
        h.write("/", "release_agent", "/bin/true");
        Process p = h.startIn("/job");
        try (CgroupHost host = open(ROOT)) {
            Snapshot s = host.live().start().get(0);
            Hierarchy hierarchy = s.hierarchy();

            assertEquals(h.read("/job", "notify_on_release"),
                    new String(host.readFile(hierarchy, "/job", "notify_on_release"), StandardCharsets.UTF_8));
            assertEquals(List.of((int) p.pid()), host.readCgroup(hierarchy, "/job").orElseThrow().procs().asList());
            assertEquals(Optional.of("/bin/true"), host.releaseAgent(hierarchy));
            ProcessRow row = host.process((int) p.pid()).orElseThrow();
            assertEquals("sleep", row.command());
            assertEquals(h.pathOf("/job").toString(), host.describe(hierarchy, "/job"));
            assertTrue(host.access().writable());
            assertTrue(host.edits(hierarchy).isPresent());

            h.stop(p);
            h.rmdir("/job");
            assertEquals(Optional.empty(), host.readCgroup(hierarchy, "/job"), "gone is empty, not an error");
            assertThrows(IOException.class, () -> host.readFile(hierarchy, "/job", "notify_on_release"));
        }
    }

    @Test
    void withoutThePrivilegeNothingIsOfferedForWritingAndTheBannerSaysWhy() throws Exception {
        try (CgroupHost host = open(USER)) {
            Hierarchy hierarchy = host.live().start().get(0).hierarchy();

            assertFalse(host.access().writable());
            assertTrue(host.access().whyReadOnly().contains("uid 1000"), host.access().whyReadOnly());
            assertEquals(Optional.empty(), host.edits(hierarchy));
        }
    }

    @Test
    void aFixtureIsReadAndNeverWrittenWhateverThePrivileges(@TempDir Path tmp) throws Exception {
        FixtureTree fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "demo");
        fx.cgroup("/a", true, 4242);
        try (CgroupHost host = HostOpener.open(new HostOpener.Request(List.of(), List.of(fx.dir()),
                HostOpener.Following.READ_ONCE), MountInfo.SELF, ROOT)) {
            Hierarchy hierarchy = host.live().start().get(0).hierarchy();

            assertEquals("1\n", new String(host.readFile(hierarchy, "/a", "notify_on_release"), StandardCharsets.UTF_8));
            assertFalse(host.access().writable());
            assertTrue(host.access().whyReadOnly().contains(fx.dir() + " is a fixture tree"), host.access().whyReadOnly());
            assertEquals(Optional.empty(), host.edits(hierarchy));
            assertEquals(4242, host.process(4242).orElseThrow().pid(), "a fixture's pid is no process here: shown by number");
        }
    }
}
