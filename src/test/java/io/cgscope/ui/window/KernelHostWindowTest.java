package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.Privileges;
import io.cgscope.local.HostOpener;
import io.cgscope.testkit.PrivateHierarchy;
import javafx.stage.Stage;
import java.io.IOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's tests on every host, here on what {@code --root DIR} opens on a private v1
 * hierarchy of the real kernel, followed live, as root may write it. Skipped without root.
 */
@ExtendWith(ApplicationExtension.class)
class KernelHostWindowTest extends WindowOnHostContract {
    private PrivateHierarchy kernel;
    private Process sleeper;

    /** Before the window starts: an assumption failing inside the start method would be an error. */
    @BeforeAll
    static void onlyAsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    /** What the process opening the host may write. */
    Privileges privileges() {
        return TestHosts.READ_WRITE;
    }

    @Override
    CgroupHost openHost() throws Exception {
        kernel = PrivateHierarchy.mount();
        kernel.mkdir("/jobs/done");
        kernel.mkdir("/jobs/busy");
        kernel.mkdir("/quiet");
        kernel.write("/jobs/done", "notify_on_release", "1");
        sleeper = kernel.startIn("/jobs/busy");
        return TestHosts.root(kernel.dir(), HostOpener.Following.LIVE_BEHIND_WINDOW, privileges());
    }

    @Override
    void addOnHost(String path) throws IOException {
        kernel.mkdir(path);
    }

    @Override
    void removeOnHost(String path) throws IOException {
        kernel.rmdir(path);
    }

    @Override
    int busyPid() {
        return (int) sleeper.pid();
    }

    @Override
    void cleanUp() {
        if (kernel != null) {
            kernel.close();
        }
    }
}
