package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Diff;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;
import io.cgscope.testkit.Eventually;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulator's change stream: each step's batch is the one the model's diff makes between the
 * hierarchies before and after it (kinds, fields, records, order), though the source looks only
 * at what the step touched; and a release comes as the live engine reports one.
 */
class SimSourceTest {
    private static final Instant T = Instant.parse("2026-12-01T08:00:00Z");

    /** The same changes, the time aside (the source stamps its own). */
    private static List<String> described(List<Change> changes) {
        return changes.stream().map(c -> c.kind() + " " + c.hierarchy().title() + " " + c.path() + " " + c.fields()
                + " " + c.before() + " -> " + c.after()).toList();
    }

    @Test
    void everyStepsBatchIsTheModelsDiffOfTheWholeHierarchies() throws Exception {
        for (ReleaseRules rules : ReleaseRules.values()) {
            SimKernel kernel = new SimKernel(rules, true);
            kernel.setTiming(SimKernel.Timing.AT_ONCE);
            List<ChangeBatch> batches = new CopyOnWriteArrayList<>();
            SimHost host = new SimHost(kernel, Clock.fixed(T, ZoneOffset.UTC));
            host.live().addListener(batches::add);
            host.live().start();
            Random random = new Random(11);
            List<Integer> pids = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int step = 0; step < 400; step++) {
                List<Snapshot> before = wholeRead(kernel);
                randomStep(kernel, random, pids);
                List<Snapshot> after = wholeRead(kernel);
                expected.addAll(described(Diff.between(T, before, after).changes()));
            }
            // the agent's calls are observations, not a difference between two states: the diff has none
            Eventually.awaitEquals(rules.word() + ": the batches", expected,
                    () -> batches.stream().flatMap(b -> described(b.changes()).stream())
                            .filter(c -> !c.startsWith("AGENT_CALLED")).toList());
            assertTrue(expected.stream().anyMatch(c -> c.startsWith("RELEASED")), "the steps released something");
            host.close();
        }
    }

    private static List<Snapshot> wholeRead(SimKernel kernel) {
        List<Snapshot> out = new ArrayList<>();
        for (Hierarchy h : kernel.hierarchies()) {
            out.add(Snapshot.assemble(h, "/", kernel.allFiles(h), T));
        }
        return out;
    }

    /** One step of a person or a program: mkdir, rmdir, a flag, spawn, exit, move; refusals are steps too. */
    private static void randomStep(SimKernel kernel, Random random, List<Integer> pids) {
        List<Hierarchy> hs = kernel.hierarchies();
        Hierarchy h = hs.get(random.nextInt(hs.size()));
        String[] names = {"a", "b", "c"};
        String path = "/" + names[random.nextInt(3)] + (random.nextBoolean() ? "/" + names[random.nextInt(3)] : "");
        try {
            switch (random.nextInt(7)) {
                case 0, 1 -> kernel.mkdir(h, path);
                case 2 -> kernel.rmdir(h, path);
                case 3 -> {
                    if (h.hasReleaseAgent()) {
                        kernel.write(h, "/", "release_agent", "/sbin/agent");
                        kernel.write(h, path, "notify_on_release", random.nextBoolean() ? "1" : "0");
                    }
                }
                case 4 -> pids.add(kernel.spawn("p", h, path, 1 + random.nextInt(2)));
                case 5 -> {
                    if (!pids.isEmpty()) {
                        kernel.exit(pids.remove(random.nextInt(pids.size())));
                    }
                }
                default -> {
                    if (!pids.isEmpty()) {
                        kernel.write(h, path, "cgroup.procs", Integer.toString(pids.get(random.nextInt(pids.size()))));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException refused) {
            // refused as the kernel refuses: the state is unchanged, and so is the stream
        }
    }

    @Test
    void aLastTaskExitingIsEmptiedAndReleasedInOneBatch() throws Exception {
        SimKernel kernel = new SimKernel(ReleaseRules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        Hierarchy h = kernel.v1();
        kernel.mkdir(h, "/a");
        kernel.write(h, "/a", "notify_on_release", "1");
        int pid = kernel.spawn("web", h, "/a", 2);
        List<ChangeBatch> batches = new CopyOnWriteArrayList<>();
        try (SimHost host = new SimHost(kernel, Clock.systemUTC())) {
            host.live().addListener(batches::add);
            host.live().start();
            kernel.exit(pid);
            Eventually.await("a batch", () -> !batches.isEmpty());
            assertEquals(List.of(ChangeKind.CHANGED, ChangeKind.EMPTIED, ChangeKind.RELEASABLE, ChangeKind.RELEASED),
                    batches.get(0).changes().stream().filter(c -> c.path().equals("/a")).map(Change::kind).toList());
        }
    }

    @Test
    void theAgentsCallFollowsThePredictedReleaseAsAnAgentCalledChange() throws Exception {
        SimKernel kernel = new SimKernel(ReleaseRules.TODAY, false);
        kernel.setTiming(SimKernel.Timing.AT_ONCE);
        Hierarchy h = kernel.v1();
        kernel.mkdir(h, "/a");
        kernel.write(h, "/a", "notify_on_release", "1");
        kernel.write(h, "/", "release_agent", "/sbin/cleaner");
        int pid = kernel.spawn("web", h, "/a", 1);
        List<Change> changes = new CopyOnWriteArrayList<>();
        try (SimHost host = new SimHost(kernel, Clock.systemUTC())) {
            host.live().addListener(b -> changes.addAll(b.changes()));
            host.live().start();
            kernel.exit(pid);
            Eventually.await("the agent's call", () -> changes.stream().anyMatch(c -> c.kind() == ChangeKind.AGENT_CALLED));
            List<String> kinds = changes.stream().filter(c -> c.path().equals("/a"))
                    .filter(c -> c.kind() == ChangeKind.RELEASED || c.kind() == ChangeKind.AGENT_CALLED)
                    .map(c -> c.kind() + " " + c.hierarchy().equals(h)).toList();
            assertEquals(List.of("RELEASED true", "AGENT_CALLED true"), kinds);
        }
    }
}
