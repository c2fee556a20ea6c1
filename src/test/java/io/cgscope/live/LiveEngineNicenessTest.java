package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.Niceness;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A window runs the engine behind its painting: the engine's threads, and only they, get the nice value. */
class LiveEngineNicenessTest {
    /** "cgscope-live-proc-events" as the kernel keeps a thread's name: it must keep up with the kernel, not with the window. */
    private static final String PROCESS_EVENTS_READER = "cgscope-live-pr";

    @BeforeEach
    void root() {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
    }

    @Test
    void theEnginesThreadsRunAtTheNiceValueAskedForAndNoOtherThreadDoes() throws IOException {
        int started = Niceness.ofThisJvm();
        int asked = Niceness.above(started);
        try (PrivateHierarchy h = PrivateHierarchy.mount()) {
            h.mkdir("/a");
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/"))).withNiceness(asked)) {
                engine.start();
                Eventually.await("the engine thread and its event thread at nice " + asked, () -> {
                    Map<String, Integer> engineThreads = niceByThreadName("cgscope-live");
                    engineThreads.remove(PROCESS_EVENTS_READER);
                    return engineThreads.containsKey("cgscope-live") && engineThreads.containsKey("cgscope-live-ev")
                            && engineThreads.values().stream().allMatch(n -> n == asked);
                });
                Map<String, Integer> others = niceByThreadName("");
                others.keySet().removeIf(name -> name.startsWith("cgscope-live") && !name.equals(PROCESS_EVENTS_READER));
                assertEquals(started, others.values().stream().mapToInt(Integer::intValue).max().orElseThrow(),
                        "threads outside the engine, and the reader of the process events, keep their priority: " + others);
            }
        }
    }

    @Test
    void niceValuesOutsideTheKernelsRangeAreRefused() {
        LiveEngine engine = new LiveEngine(List.of());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> engine.withNiceness(20));
        assertTrue(e.getMessage().contains("0 to 19"), e.getMessage());
    }

    /** The nice value of each thread of this process whose name (as the kernel keeps it, 15 characters) starts so. */
    private static Map<String, Integer> niceByThreadName(String prefix) {
        Map<String, Integer> result = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip();
                    if (name.startsWith(prefix)) {
                        result.put(name, Niceness.of(task));
                    }
                } catch (IOException | UncheckedIOException e) {
                    // a thread that ended between the listing and the read: not ours to check
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
