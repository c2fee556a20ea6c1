package io.cgscope.ui.window;

import io.cgscope.host.LiveSource;
import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ForwardingSource;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.ManualTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The feed between source and tree: coalesced, applied in passes of whole batches, held while paused. */
class LiveFeedTest {
    private static final String HOST = "test-host";
    @TempDir
    Path tmp;

    @Test
    void aBurstIsAppliedInSeveralPassesOfWholeBatchesInOrder() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        EventLogModel log = new EventLogModel(100_000);
        LiveFeed feed = new LiveFeed(HOST, source, tree, log, fxQueue::add);
        feed.start(Runnable::run, LiveFeedTest::fail);
        fxQueue.poll().run(); // the first state, loaded on the FX thread

        Cgroup template = fx.read().root();
        int batches = 5;
        int perBatch = 1_000;
        for (int b = 0; b < batches; b++) {
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                String path = "/b" + b + "-" + i;
                Cgroup c = Cgroup.of(fx.hierarchy().version(), new io.cgscope.model.CgroupFiles(path, true, false, null,
                        io.cgscope.model.Pids.EMPTY, io.cgscope.model.Pids.EMPTY, null, null, List.of(),
                        template.interfaceFiles()), false);
                changes.add(new Change(Instant.now(), ChangeKind.ADDED, fx.hierarchy(), path, Set.of(), null, c));
            }
            source.emit(new ChangeBatch(changes));
        }
        assertEquals(1, fxQueue.size(), "one drain scheduled for the whole burst");
        List<Integer> sizes = new ArrayList<>();
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
            sizes.add(log.size());
        }
        assertEquals(List.of(1000, 2000, 3000, 4000, 5000), sizes, "one whole batch per pass: 2 would exceed the pass");
        assertNotNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/b4-999")));
    }

    @Test
    void pausedBatchesAreHeldAndAppliedOnResume() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        LiveFeed feed = new LiveFeed(HOST, source, tree, new EventLogModel(100), Runnable::run);
        feed.start(Runnable::run, LiveFeedTest::fail);
        feed.setPaused(true);
        fx.cgroup("/a", false);
        ChangeBatch batch = source.moveTo(List.of(fx.read()));
        assertNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/a")));
        assertEquals(batch.changes().size(), feed.heldCountProperty().get(), "the changes held");
        feed.setPaused(false);
        assertNotNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/a")));
        assertEquals(0, feed.heldCountProperty().get());
    }

    @Test
    void theSourceStartsInTheBackgroundAndChangesThatComeBeforeTheFirstStateWaitForIt() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource scripted = new ScriptedSource(List.of(fx.read()));
        fx.cgroup("/early", false);
        List<io.cgscope.model.Snapshot> next = List.of(fx.read());
        // as the engine may: its thread reports a change before the starting thread hands the first state back
        LiveSource source = new ForwardingSource(scripted) {
            @Override
            public List<io.cgscope.model.Snapshot> start() {
                List<io.cgscope.model.Snapshot> first = scripted.start();
                scripted.moveTo(next);
                return first;
            }
        };
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        LiveFeed feed = new LiveFeed(HOST, source, tree, new EventLogModel(100), fxQueue::add);

        feed.start(background::add, LiveFeedTest::fail);
        assertEquals(1, background.size(), "the source starts off the FX thread");
        assertEquals(0, tree.cgroupCountProperty().get(), "nothing read yet");
        feed.resync(); // F5 while the first read is on its way
        assertEquals(0, tree.cgroupCountProperty().get(), "F5 waits for the first read rather than asking the source");

        background.poll().run();
        while (!fxQueue.isEmpty()) {
            fxQueue.poll().run();
        }
        assertEquals(true, feed.loadedProperty().get());
        assertNotNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/early")), "the early change applied after the first state");
        assertNotNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/")));
    }

    @Test
    void f5ReadsInTheBackgroundAndNoChangeIsLostOrShownTwiceMeanwhile() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        ArrayDeque<Runnable> background = new ArrayDeque<>();
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        EventLogModel log = new EventLogModel(100);
        LiveFeed feed = new LiveFeed(HOST, source, tree, log, fxQueue::add);
        feed.start(background::add, LiveFeedTest::fail);
        runAll(background);
        runAll(fxQueue);

        fx.cgroup("/a", false);
        source.moveTo(List.of(fx.read()));
        runAll(fxQueue);
        feed.resync(); // F5
        assertEquals(1, background.size(), "the state is asked for off the FX thread");
        fx.cgroup("/b", false);
        source.moveTo(List.of(fx.read())); // delivered before the state is read: it is in the state
        runAll(fxQueue);
        assertNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), "/b")), "changes wait while the re-read is on its way");
        runAll(background);
        fx.cgroup("/c", false);
        source.moveTo(List.of(fx.read())); // delivered after the state was read
        runAll(fxQueue);

        for (String path : List.of("/a", "/b", "/c")) {
            assertNotNull(tree.shownItem(CgroupKey.of(HOST, fx.hierarchy(), path)), path + " in the tree");
            assertEquals(1, log.shown().stream().filter(e -> e.path().equals(path) && e.event().equals("added")).count(),
                    path + " added once in the log");
        }
    }

    private static void runAll(ArrayDeque<Runnable> queue) {
        while (!queue.isEmpty()) {
            queue.poll().run();
        }
    }

    @Test
    void aSourceThatFailsUnexpectedlyIsReportedTooRatherThanLeftReadingForever() throws Exception {
        LiveSource broken = failingToStart(new IllegalStateException("this engine was closed; make a new one"));
        LiveFeed feed = new LiveFeed(HOST, broken, new CgroupTreeModel(new ManualTimer()), new EventLogModel(100), Runnable::run);
        List<String> failures = new ArrayList<>();

        feed.start(Runnable::run, e -> failures.add(e.getMessage()));
        assertEquals(List.of("this engine was closed; make a new one"), failures);
        assertEquals(false, feed.loadedProperty().get());
    }

    @Test
    void aSourceThatCannotStartIsReportedOnTheFxThreadAndNothingLoads() throws Exception {
        LiveSource failing = failingToStart(new IOException("no such hierarchy"));
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        LiveFeed feed = new LiveFeed(HOST, failing, tree, new EventLogModel(100), fxQueue::add);
        List<String> failures = new ArrayList<>();

        feed.start(Runnable::run, e -> failures.add(e.getMessage()));
        assertEquals(List.of(), failures, "reported on the FX thread, not on the starting one");
        fxQueue.poll().run();
        assertEquals(List.of("no such hierarchy"), failures);
        assertEquals(false, feed.loadedProperty().get());
        assertEquals(0, tree.cgroupCountProperty().get());
    }

    @Test
    void aStartCancelledByClosingTheWindowIsNoFailureToReport() throws Exception {
        LiveSource closedWhileReading = failingToStart(
                new java.util.concurrent.CancellationException("closed while it read the cgroups"));
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        LiveFeed feed = new LiveFeed(HOST, closedWhileReading, new CgroupTreeModel(new ManualTimer()), new EventLogModel(100),
                fxQueue::add);
        List<String> failures = new ArrayList<>();

        feed.start(Runnable::run, e -> failures.add(e.getMessage()));
        runAll(fxQueue);
        assertEquals(List.of(), failures, "the window would say it could not read the cgroups, and exit 1");
        assertEquals(false, feed.loadedProperty().get());
    }

    /** A source over a fixture tree whose start() throws {@code failure}. */
    private LiveSource failingToStart(Exception failure) throws IOException {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        return new ForwardingSource(new ScriptedSource(List.of(fx.read()))) {
            @Override
            public List<io.cgscope.model.Snapshot> start() throws IOException {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
    }

    private static void fail(Exception e) {
        throw new IllegalStateException(e);
    }
}
