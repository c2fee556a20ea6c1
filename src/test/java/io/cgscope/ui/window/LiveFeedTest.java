package io.cgscope.ui.window;

import io.cgscope.model.Cgroup;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.ui.FixtureTree;
import io.cgscope.ui.ScriptedSource;
import io.cgscope.ui.log.EventLogModel;
import io.cgscope.ui.tree.CgroupKey;
import io.cgscope.ui.tree.CgroupTreeModel;
import io.cgscope.ui.tree.ManualTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    @TempDir
    Path tmp;

    @Test
    void aBurstIsAppliedInSeveralPassesOfWholeBatchesInOrder() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        ArrayDeque<Runnable> fxQueue = new ArrayDeque<>();
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        EventLogModel log = new EventLogModel(100_000);
        LiveFeed feed = new LiveFeed(source, tree, log, fxQueue::add);
        feed.start();

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
        assertNotNull(tree.shownItem(CgroupKey.of(fx.hierarchy(), "/b4-999")));
    }

    @Test
    void pausedBatchesAreHeldAndAppliedOnResume() throws Exception {
        FixtureTree fx = new FixtureTree(tmp, "fixture");
        ScriptedSource source = new ScriptedSource(List.of(fx.read()));
        CgroupTreeModel tree = new CgroupTreeModel(new ManualTimer());
        LiveFeed feed = new LiveFeed(source, tree, new EventLogModel(100), Runnable::run);
        feed.start();
        feed.setPaused(true);
        fx.cgroup("/a", false);
        ChangeBatch batch = source.moveTo(List.of(fx.read()));
        assertNull(tree.shownItem(CgroupKey.of(fx.hierarchy(), "/a")));
        assertEquals(batch.changes().size(), feed.heldCountProperty().get(), "the changes held");
        feed.setPaused(false);
        assertNotNull(tree.shownItem(CgroupKey.of(fx.hierarchy(), "/a")));
        assertEquals(0, feed.heldCountProperty().get());
    }
}
