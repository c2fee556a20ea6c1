package io.cgscope.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cgscope.cli.Cli;
import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.ThreadedProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Processes with several threads, on the real kernel. In v1 a thread can be moved alone, through
 * {@code tasks}: its cgroup's {@code cgroup.procs} then lists its process and {@code tasks} only
 * that thread, and cgscope must show the two apart. Moving a process, through
 * {@code cgroup.procs}, moves every one of its threads. The kernel's own files and
 * {@code /proc/PID/task} are the oracles.
 */
class ThreadsAgainstKernelTest {
    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();

    @Test
    void aThreadMovedAloneShowsItsProcessAndOnlyItselfInItsNewCgroup() throws IOException {
        mounted.get().mkdir("/home");
        mounted.get().mkdir("/lone");
        ThreadedProcess p = mounted.get().startThreadedIn("/home");
        int tid = p.startThread();
        mounted.get().moveThreadInto(tid, "/lone");

        // what the kernel says: the process is listed where any of its threads is
        assertEquals(List.of(p.pid()), ids(mounted.get().read("/lone", "cgroup.procs")));
        assertEquals(List.of(tid), ids(mounted.get().read("/lone", "tasks")));
        assertTrue(p.threads().size() > 2, "a JVM has threads of its own besides the one moved: " + p.threads());

        Cgroup lone = new CgroupReader(mounted.get().hierarchy()).read().get("/lone");
        assertEquals(List.of(p.pid()), lone.procs().asList(), "procs of /lone");
        assertEquals(List.of(tid), lone.threads().asList(), "threads of /lone");
        assertEquals(1, lone.taskCount());

        JsonNode cgroups = dumpJson().get("hierarchies").get(0).get("cgroups");
        JsonNode dumped = null;
        for (JsonNode c : cgroups) {
            if ("/lone".equals(c.get("path").asText())) {
                dumped = c;
            }
        }
        assertTrue(dumped != null, "dump lists /lone: " + cgroups);
        assertEquals(List.of(p.pid()), ints(dumped.get("procs")), "dump --json procs of /lone");
        assertEquals(List.of(tid), ints(dumped.get("threads")), "dump --json threads of /lone");
    }

    @Test
    void movingAProcessMovesEveryOneOfItsThreads() throws IOException {
        mounted.get().mkdir("/from");
        mounted.get().mkdir("/to");
        ThreadedProcess p = mounted.get().startThreadedIn("/from");
        List<Integer> started = List.of(p.startThread(), p.startThread(), p.startThread());

        CgroupFiles to = new CgroupWriter(mounted.get().hierarchy()).moveProcess("/to", p.pid());

        assertEquals(List.of(p.pid()), to.procs().asList(), "read back after the move");
        assertTrue(to.threads().asList().containsAll(started), "read back: " + to.threads() + " lacks " + started);
        assertTrue(to.threads().contains(p.commandThread()), "read back: " + to.threads());
        // The JVM may start or end a thread of its own between two reads: compare until the
        // kernel's lists and /proc/PID/task are read at one moment.
        Eventually.awaitEquals("threads in only one of /proc/" + p.pid() + "/task and the tasks of /to", Set.of(),
                () -> symmetricDifference(ids(read("/to", "tasks")), p.threads()));
        Eventually.awaitEquals("threads of the process left in /from", Set.of(),
                () -> intersection(ids(read("/from", "tasks")), p.threads()));
        assertEquals("", mounted.get().read("/from", "cgroup.procs").strip());
    }

    private JsonNode dumpJson() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new String[] {"dump", "--json", "--root", mounted.get().dir().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private String read(String cgroup, String file) {
        try {
            return mounted.get().read(cgroup, file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<Integer> symmetricDifference(List<Integer> a, Set<Integer> b) {
        Set<Integer> either = new TreeSet<>(a);
        either.addAll(b);
        either.removeAll(intersection(a, b));
        return either;
    }

    private static Set<Integer> intersection(List<Integer> a, Set<Integer> b) {
        Set<Integer> both = new TreeSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static List<Integer> ids(String file) {
        return file.lines().filter(l -> !l.isBlank()).map(l -> Integer.valueOf(l.strip())).toList();
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
