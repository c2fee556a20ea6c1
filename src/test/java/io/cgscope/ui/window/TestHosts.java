package io.cgscope.ui.window;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.LiveSource;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Privileges;
import io.cgscope.local.HostOpener;
import io.cgscope.local.LocalHost;
import io.cgscope.ui.editors.Confirmer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The hosts, privileges and answers the window tests give the window, whatever user runs the tests. */
final class TestHosts {
    static final Privileges READ_WRITE = new Privileges(0, true, true);
    static final Privileges USER_1000 = new Privileges(1000, false, true);
    /** Declines every confirmation: no test here writes through the edit panels. */
    static final Confirmer NEVER = (title, message) -> false;

    private TestHosts() {
    }

    /** This machine, writable, its cgroups told by {@code source} (a scripted source over a fixture tree). */
    static CgroupHost writableOver(LiveSource source) {
        return LocalHost.kernel(source, Access.readWrite());
    }

    /** What {@code --root dir} opens, as a process with {@code privileges} may write it. */
    static CgroupHost root(Path dir, HostOpener.Following following, Privileges privileges)
            throws IOException, NotACgroupException {
        return HostOpener.open(new HostOpener.Request(List.of(dir), List.of(), following), MountInfo.SELF, privileges);
    }

    /** {@code --root dir}, followed live with its poller every {@code poll}. */
    static CgroupHost live(Path dir, Duration poll, Privileges privileges) throws IOException, NotACgroupException {
        return HostOpener.open(new HostOpener.Request(List.of(dir), List.of(), poll,
                HostOpener.Following.LIVE_BEHIND_WINDOW), MountInfo.SELF, privileges);
    }

    /** What {@code --fixture dir} opens, whatever the privileges. */
    static CgroupHost fixture(Path dir, HostOpener.Following following) throws IOException, NotACgroupException {
        return HostOpener.open(new HostOpener.Request(List.of(), List.of(dir), following), MountInfo.SELF, READ_WRITE);
    }
}
