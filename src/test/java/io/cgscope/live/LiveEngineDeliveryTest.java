package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.host.ChangeListener;
import io.cgscope.kernel.Target;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A listener that stops taking batches (a write to a pipe nobody reads) holds up neither the
 * engine, nor the other listeners, nor {@code current()}, nor {@code close()}; one that falls too
 * far behind is told, and the engine's state still holds what it missed.
 */
class LiveEngineDeliveryTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    /** Blocks in its first batch until released, as a write to a full pipe does. */
    private static final class StuckListener implements ChangeListener {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger dropped = new AtomicInteger();

        @Override
        public void onBatch(ChangeBatch batch) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onOverflow(int droppedChanges) {
            dropped.addAndGet(droppedChanges);
        }
    }

    @Test
    void aStuckListenerHoldsUpNeitherTheOthersNorCurrentNorClose() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            StuckListener stuck = new StuckListener();
            Recorder other = new Recorder();
            LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")));
            try {
                engine.addListener(stuck);
                engine.addListener(other);
                engine.start();
                h.mkdir("/first");
                assertTrue(stuck.entered.await(15, TimeUnit.SECONDS), "the stuck listener got its first batch");
                h.mkdir("/second");
                Eventually.await("the other listener hears of /second; got " + other.lines(),
                        () -> other.seen(ChangeKind.ADDED, "/second"));
                assertTrue(currentWithin(engine).containsKey("/second"), "current() holds /second");

                long t0 = System.nanoTime();
                CompletableFuture.runAsync(engine::close).get(5, TimeUnit.SECONDS);
                System.out.printf("close() with a listener stuck in onBatch took %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                assertEquals(WatchMode.Kind.STOPPED, engine.modes().get(h.hierarchy()).kind());
            } finally {
                stuck.release.countDown();
                engine.close();
            }
        }
    }

    @Test
    void aListenerTooFarBehindIsToldAndTheStateHoldsWhatItMissed() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            StuckListener stuck = new StuckListener();
            Recorder after = new Recorder();
            int limit = 20;
            LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")),
                    LiveEngine.DEFAULT_INTERVAL, Integer.MAX_VALUE, Watches.QUEUE_LIMIT, limit);
            try {
                engine.addListener(stuck);
                engine.start();
                h.mkdir("/first");
                assertTrue(stuck.entered.await(15, TimeUnit.SECONDS), "the listener got its first batch");
                int made = 0;
                while (stuck.dropped.get() == 0 && made < 10 * limit) {
                    h.mkdir("/d" + made++);
                    int expected = made;
                    // one mkdir at a time, each in its own batch, so the queue fills step by step
                    Eventually.await("/d" + (expected - 1) + " in the state", () -> currentWithin(engine)
                            .containsKey("/d" + (expected - 1)));
                }
                assertTrue(stuck.dropped.get() > limit, "dropped " + stuck.dropped.get() + " after " + made + " mkdirs");
                Map<String, ?> state = currentWithin(engine);
                for (int i = 0; i < made; i++) {
                    assertTrue(state.containsKey("/d" + i), "/d" + i + " in the state");
                }
                engine.addListener(after);
                stuck.release.countDown();
                h.mkdir("/later");
                Eventually.await("batches go on after the drop; got " + after.lines(),
                        () -> after.seen(ChangeKind.ADDED, "/later"));
            } finally {
                stuck.release.countDown();
                engine.close();
            }
        }
    }

    /** The engine's current state of its one hierarchy, asked on another thread: a state held up by a listener fails here. */
    private static Map<String, ?> currentWithin(LiveEngine engine) {
        try {
            return CompletableFuture.supplyAsync(engine::current).get(5, TimeUnit.SECONDS).get(0).byPath();
        } catch (Exception e) {
            throw new AssertionError("current() did not answer within 5 s", e);
        }
    }
}
