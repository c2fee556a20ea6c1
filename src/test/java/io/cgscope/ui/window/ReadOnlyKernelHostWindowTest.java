package io.cgscope.ui.window;

import io.cgscope.kernel.Privileges;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window's tests on every host, here on a private kernel hierarchy opened by a process that may not write. */
@ExtendWith(ApplicationExtension.class)
class ReadOnlyKernelHostWindowTest extends KernelHostWindowTest {
    @Override
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Override
    Privileges privileges() {
        return TestHosts.USER_1000;
    }
}
