package io.cgscope.ui.window;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;
import io.cgscope.sim.Rules;
import io.cgscope.sim.SimHost;
import io.cgscope.sim.SimKernel;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.time.Clock;

/** The window's tests on every host, on the simulated kernel (today's rules, its v1 hierarchy). */
@ExtendWith(ApplicationExtension.class)
class SimHostWindowTest extends WindowOnHostContract {
    private SimKernel kernel;
    private Hierarchy h;
    private int busyPid;

    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    CgroupHost openHost() throws Exception {
        kernel = new SimKernel(Rules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        h = kernel.v1();
        kernel.mkdir(h, "/jobs");
        kernel.mkdir(h, "/jobs/done");
        kernel.write(h, "/jobs/done", "notify_on_release", "1");
        kernel.mkdir(h, "/jobs/busy");
        busyPid = kernel.spawn("make", h, "/jobs/busy", 1);
        kernel.mkdir(h, "/quiet");
        return new SimHost(kernel, Clock.systemUTC());
    }

    @Override
    int busyPid() {
        return busyPid;
    }

    @Override
    void addOnHost(String path) throws Exception {
        kernel.mkdir(h, path);
    }

    @Override
    void removeOnHost(String path) throws Exception {
        kernel.rmdir(h, path);
    }
}
