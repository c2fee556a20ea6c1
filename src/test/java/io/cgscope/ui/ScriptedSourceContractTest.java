package io.cgscope.ui;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Field;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window tests' scripted source holds to the live engine: on the real kernel, for each batch
 * the engine delivers, the scripted source, moved from the state before that batch to the state
 * after it, tells its listeners the same changes (kinds, fields, states) in the same order. Both
 * make them with the model's diff; this holds the whole-state entry to the engine's. Skipped
 * without root.
 */
class ScriptedSourceContractTest {
    @BeforeAll
    static void needsRoot() {
        Assumptions.assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void eachBatchOfTheEngineIsWhatTheScriptedSourceMakesOfItsStatesBeforeAndAfter() throws Exception {
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/t");
            h.write("/t", "notify_on_release", "1");
            h.mkdir("/t/old/deep");
            List<ChangeBatch> batches = new CopyOnWriteArrayList<>();
            Target target = new Target(h.hierarchy(), "/t");
            try (LiveEngine engine = new LiveEngine(List.of(target), Duration.ofMillis(200))) {
                engine.addListener(batches::add);
                Snapshot first = engine.start().get(0);

                h.mkdir("/t/a");
                h.mkdir("/t/a/b"); // copies notify_on_release 1 from /t/a, which copied it from /t
                h.mkdir("/t/c");
                Process p = h.startIn("/t/a/b");
                awaitEngineAtKernel(engine, target);
                h.stop(p); // /t/a/b released: emptied, releasable, released
                h.rmdir("/t/old/deep");
                h.rmdir("/t/old");
                h.write("/t/c", "notify_on_release", "0"); // unreleasable
                h.rmdir("/t/a/b");
                h.mkdir("/t/m/a/b");
                h.mkdir("/t/m/a-x");
                awaitEngineAtKernel(engine, target);
                // A rename is one batch with a subtree removed and one added, where the order shows,
                // when the engine takes both of its events in one flush: renamed back and forth until so.
                String here = "/t/m";
                String there = "/t/z";
                boolean inOne;
                int renames = 0;
                do {
                    Files.move(h.pathOf(here), h.pathOf(there));
                    awaitEngineAtKernel(engine, target);
                    inOne = inOneBatch(batches, here + "/a/b removed", there + "/a/b added");
                    String was = here;
                    here = there;
                    there = was;
                } while (!inOne && ++renames < 10);
                assertTrue(inOne, "a rename in one batch, in " + renames + " renames");

                List<String> kinds = new ArrayList<>();
                Snapshot state = first;
                ScriptedSource scripted = new ScriptedSource(List.of(first));
                List<ChangeBatch> heard = new ArrayList<>();
                scripted.addListener(heard::add);
                for (ChangeBatch batch : batches) {
                    Snapshot next = applied(state, batch);
                    scripted.moveTo(List.of(next));
                    assertEquals(lines(batch), lines(heard.get(heard.size() - 1)), "a batch of the engine after " + kinds);
                    batch.changes().forEach(c -> kinds.add(c.kind().jsonName()));
                    state = next;
                }
                assertEquals(engine.current().get(0).byPath(), state.byPath(), "the batches lead to the engine's state");
                for (ChangeKind k : List.of(ChangeKind.ADDED, ChangeKind.REMOVED, ChangeKind.CHANGED,
                        ChangeKind.EMPTIED, ChangeKind.RELEASABLE, ChangeKind.UNRELEASABLE, ChangeKind.RELEASED)) {
                    assertTrue(kinds.contains(k.jsonName()), "the operations gave " + k.jsonName() + ": " + kinds);
                }
            }
        }
    }

    private static boolean inOneBatch(List<ChangeBatch> batches, String line, String other) {
        return batches.stream().map(ScriptedSourceContractTest::lines).anyMatch(
                l -> l.stream().anyMatch(s -> s.startsWith(line)) && l.stream().anyMatch(s -> s.startsWith(other)));
    }

    /** Waits until the engine's state is what the kernel's files say now. */
    private static void awaitEngineAtKernel(LiveEngine engine, Target target) {
        Eventually.await("the engine's state equals the kernel's", () -> {
            try {
                return engine.current().get(0).byPath()
                        .equals(new CgroupReader(target.hierarchy()).read(target.cgroupPath()).byPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** {@code state} with each change of {@code batch} applied: its cgroup's state after, or gone. */
    private static Snapshot applied(Snapshot state, ChangeBatch batch) {
        Map<String, CgroupFiles> files = new LinkedHashMap<>();
        state.cgroups().forEach(c -> files.put(c.path(), c.files()));
        for (Change c : batch.changes()) {
            if (c.after() == null) {
                files.remove(c.path());
            } else {
                files.put(c.path(), c.after().files());
            }
        }
        return Snapshot.assemble(state.hierarchy(), state.rootPath(), files, Instant.now());
    }

    /** Each change as "path kind [fields]", in order: what a consumer acts on, without the time. */
    private static List<String> lines(ChangeBatch batch) {
        return batch.changes().stream().map(c -> c.path() + " " + c.kind().jsonName() + " "
                + c.fields().stream().map(Field::jsonName).sorted().collect(Collectors.joining(","))
                + " " + describe(c.before()) + " -> " + describe(c.after())).toList();
    }

    private static String describe(Cgroup c) {
        return c == null ? "none" : c.verdict().releasable() + "/" + c.populated();
    }
}
