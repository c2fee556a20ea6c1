package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.local.HostOpener;
import io.cgscope.ui.FixtureTree;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Files;
import java.nio.file.Path;

/** The window's tests on every host, here on what {@code --fixture DIR} opens: read-only, whatever the privileges. */
@ExtendWith(ApplicationExtension.class)
class FixtureHostWindowTest extends WindowOnHostContract {
    private static final int BUSY_PID = 4242;

    @TempDir
    Path tmp;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    private FixtureTree fx;

    @Override
    CgroupHost openHost() throws Exception {
        fx = new FixtureTree(Files.createDirectory(tmp.resolve("tree")), "fixture");
        fx.cgroup("/jobs", false).cgroup("/jobs/done", true).cgroup("/jobs/busy", false, BUSY_PID).cgroup("/quiet", false);
        return TestHosts.fixture(fx.dir(), HostOpener.Following.LIVE_BEHIND_WINDOW);
    }

    @Override
    void addOnHost(String path) {
        fx.cgroup(path, false);
    }

    @Override
    void removeOnHost(String path) {
        fx.remove(path);
    }

    @Override
    int busyPid() {
        return BUSY_PID;
    }
}
