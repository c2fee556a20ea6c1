package io.cgscope.ui.window;

import io.cgscope.kernel.Privileges;
import io.cgscope.ui.editors.Confirmer;

/** Privileges and answers the window tests give the window, whatever user runs the tests. */
final class TestPrivileges {
    static final Privileges READ_WRITE = new Privileges(0, true, true);
    static final Privileges USER_1000 = new Privileges(1000, false, true);
    /** Declines every confirmation: no test here writes through the edit panels. */
    static final Confirmer NEVER = (title, message) -> false;

    private TestPrivileges() {
    }
}
