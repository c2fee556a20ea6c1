package io.cgscope.ui.editors;

import io.cgscope.host.CgroupHost;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReadBack;

/**
 * A write that happened, as the window keeps it in its history (the event log).
 *
 * @param cgroup   the cgroup shown when it was asked for: the subject of the history's line
 * @param sentence what the panel said ("notify_on_release of /a is now 1 (read back).")
 * @param logged   the history's words, the cgroup being the subject ("set notify_on_release 1, read back 1")
 */
public record Written(CgroupHost host, Hierarchy hierarchy, String cgroup, String sentence, String logged) {
    /** "name=x: notify_on_release of /a is now 1 (read back).": the sentence with where it was written. */
    public String said() {
        return hierarchy.title() + ": " + sentence;
    }

    /** "set notify_on_release 1, read back 1". */
    static String setAndReadBack(ReadBack r) {
        return "set " + r.file() + " " + ReadBack.shown(r.asked()) + ", read back " + ReadBack.shown(r.kernelHas());
    }
}
