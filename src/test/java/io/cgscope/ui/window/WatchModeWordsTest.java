package io.cgscope.ui.window;

import io.cgscope.host.WatchMode;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.MemoryHost;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the status bar words the watch modes: each thing said once. */
class WatchModeWordsTest {
    private final Hierarchy a = MemoryHost.v1("a");
    private final Hierarchy b = MemoryHost.v1("b");

    @Test
    void aReasonThatNamesItsKindIsNotPrefixedWithItAgain() {
        String why = "inotify for cgroups and files; task membership of occupied cgroups polled";
        assertEquals(why + " (2 hierarchies)", LiveFeed.summarize(modes(new WatchMode(WatchMode.Kind.INOTIFY, why))));
    }

    @Test
    void aReasonThatDoesNotNameItsKindFollowsIt() {
        String why = "read once, not watched";
        assertEquals("stopped (" + why + ") (2 hierarchies)",
                LiveFeed.summarize(modes(new WatchMode(WatchMode.Kind.STOPPED, why))));
    }

    private Map<Hierarchy, WatchMode> modes(WatchMode both) {
        Map<Hierarchy, WatchMode> m = new LinkedHashMap<>();
        m.put(a, both);
        m.put(b, both);
        return m;
    }
}
