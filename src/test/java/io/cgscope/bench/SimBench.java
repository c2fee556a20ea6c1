package io.cgscope.bench;

import io.cgscope.model.Hierarchy;
import io.cgscope.model.ReleaseRules;
import io.cgscope.sim.SimHost;
import io.cgscope.sim.SimKernel;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.ReleaseTimer;
import io.cgscope.ui.window.MainWindow;
import io.cgscope.ui.window.Screenshot;
import io.cgscope.ui.window.Theme;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The window on a simulated hierarchy of many cgroups (Monocle, headless), beside the targets of
 * the real one: the first frame that shows the cgroups, and the time from one simulated step (a
 * process exits and its cgroup is released) until the tree shows it. The hierarchy is 100 slices
 * of equal leaves, the shape of the benchmark's kernel trees.
 */
final class SimBench {
    private static final ExecutorService BACKGROUND = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sim-bench-reader");
        t.setDaemon(true);
        return t;
    });

    private SimBench() {
    }

    /** Leaves the toolkit running: the ui section after it shows its windows in the same toolkit, and ends it. */
    static void run(int[] sizes, PrintStream out) throws Exception {
        Screenshot.selectHeadlessToolkit();
        CountDownLatch up = new CountDownLatch(1);
        try {
            Platform.startup(up::countDown);
        } catch (IllegalStateException alreadyRunning) {
            up.countDown();
        }
        Platform.setImplicitExit(false);
        up.await();
        out.println("simulator (Monocle headless, prism sw):");
        int largest = Arrays.stream(sizes).max().orElse(100_000);
        // a window shown once before, as in the ui section that runs after the others: JavaFX's
        // classes loaded and its CSS parsed, which any first window pays whatever it shows
        measure(1_000, null);
        for (int size : new int[]{Math.min(10_000, largest), largest}) {
            measure(size, out);
            if (size == largest) {
                break;
            }
        }
    }

    /** @param out where the figures go; null for a warm-up */
    private static void measure(int size, PrintStream out) throws Exception {
        SimKernel kernel = new SimKernel(ReleaseRules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        Hierarchy h = kernel.v1();
        long t0 = System.nanoTime();
        int perSlice = Math.max(1, size / 100);
        for (int s = 0; s < 100 && s * perSlice < size; s++) {
            kernel.mkdir(h, "/slice" + s);
            for (int i = 1; i < perSlice; i++) {
                kernel.mkdir(h, "/slice" + s + "/c" + i);
            }
        }
        kernel.write(h, "/slice0/c1", "notify_on_release", "1");
        int pid = kernel.spawn("web", h, "/slice0/c1", 1);
        long buildMs = (System.nanoTime() - t0) / 1_000_000;
        SimHost host = new SimHost(kernel, Clock.systemUTC());
        AtomicReference<MainWindow> window = new AtomicReference<>();
        AtomicReference<Stage> stage = new AtomicReference<>();
        AtomicLong firstFrame = new AtomicLong();
        CountDownLatch shown = new CountDownLatch(1);
        System.gc();
        Platform.runLater(() -> {
            long start = System.nanoTime();
            MainWindow w = new MainWindow(host, (title, message) -> false, Platform::runLater, BACKGROUND,
                    ReleaseTimer.fx());
            window.set(w);
            w.start(e -> shown.countDown());
            Scene scene = new Scene(w, 1280, 800);
            scene.getStylesheets().setAll(Theme.LIGHT.stylesheets());
            Stage s = new Stage();
            stage.set(s);
            s.setScene(scene);
            // the second pulse after the tree is loaded starts once the first frame with it is painted
            new AnimationTimer() {
                private int pulses;

                @Override
                public void handle(long now) {
                    if (w.loadedProperty().get() && ++pulses == 2) {
                        stop();
                        firstFrame.set((System.nanoTime() - start) / 1_000_000);
                        shown.countDown();
                    }
                }
            }.start();
            s.show();
        });
        if (!shown.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the window did not show");
        }
        PrintStream said = out != null ? out : new PrintStream(java.io.OutputStream.nullOutputStream());
        said.printf("  first frame, %,7d simulated cgroups: %6d ms (made in memory in %d ms)   target < 2000 ms at"
                + " 10,000%n", kernel.size(h), firstFrame.get(), buildMs);

        CgroupKey key = onFx(() -> window.get().tree().getRoot().getChildren().get(0).getValue().key()
                .withPath("/slice0/c1"));
        long step = System.nanoTime();
        kernel.exit(pid);
        long stepMs = (System.nanoTime() - step) / 1_000_000;
        while (!onFx(() -> window.get().treeModel().shownItem(key) != null
                && window.get().treeModel().shownItem(key).getValue().justReleased())) {
            if (System.nanoTime() - step > TimeUnit.MINUTES.toNanos(1)) {
                throw new IllegalStateException("the release never showed");
            }
            Thread.onSpinWait();
        }
        long seenMs = (System.nanoTime() - step) / 1_000_000;
        said.printf("  a process exits in %,d cgroups: the step %d ms, the release shown in the tree after %d ms%n",
                kernel.size(h), stepMs, seenMs);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            stage.get().close();
            closed.countDown();
        });
        closed.await();
        host.close();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        AtomicReference<T> value = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                value.set(read.call());
            } catch (Exception e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        });
        done.await();
        if (failure.get() != null) {
            throw failure.get();
        }
        return value.get();
    }
}
