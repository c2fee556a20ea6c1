package io.cgscope.ui.window;

import io.cgscope.kernel.Target;
import io.cgscope.live.FaultyEngines;
import io.cgscope.live.LiveEngine;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.ManualTimer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A live engine that fails says so in the feed's error, which the status bar shows, and a re-read does not hide it. */
class LiveFeedFailureTest {
    @Test
    void anEngineWhoseTickThrowsEndsInTheStatusErrorAndStoppedModes() throws Exception {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        ExecutorService background = Executors.newSingleThreadExecutor();
        try (PrivateHierarchy h = PrivateHierarchy.mount();
             LiveEngine engine = FaultyEngines.whoseTickThrows(List.of(new Target(h.hierarchy(), "/")),
                     Duration.ofMillis(50), "a defect in the tick")) {
            Queue<Runnable> fx = new ConcurrentLinkedQueue<>();
            LiveFeed feed = new LiveFeed("test-host", engine, new CgroupTreeModel(new ManualTimer()), new EventLogModel(100), fx::add);
            feed.start(background, e -> {
                throw new AssertionError(e);
            });
            Eventually.await("the status error says the live updates stopped; it says " + feed.errorProperty().get(),
                    () -> {
                        drain(fx);
                        String error = feed.errorProperty().get();
                        return error != null && error.startsWith("live updates stopped")
                                && error.contains("a defect in the tick");
                    });
            assertTrue(feed.modesProperty().get().startsWith("stopped"), feed.modesProperty().get());
            feed.resync();
            background.submit(() -> { }).get(); // one thread: the re-read has posted its answer
            drain(fx);
            assertTrue(feed.errorProperty().get().startsWith("live updates stopped"), "a re-read keeps it: "
                    + feed.errorProperty().get());
        } finally {
            background.shutdownNow();
        }
    }

    private static void drain(Queue<Runnable> fx) {
        for (Runnable r = fx.poll(); r != null; r = fx.poll()) {
            r.run();
        }
    }
}
