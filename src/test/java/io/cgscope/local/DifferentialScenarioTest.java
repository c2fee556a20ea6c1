package io.cgscope.local;

import io.cgscope.model.CgroupVersion;
import io.cgscope.scenario.RunResult;
import io.cgscope.scenario.Scenario;
import io.cgscope.scenario.ScenarioParser;
import io.cgscope.scenario.ScenarioRunner;
import io.cgscope.scenario.StepOutcome;
import io.cgscope.model.ReleaseRules;
import io.cgscope.sim.SimTarget;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulator against the real kernel: random scenarios whose every expectation is the
 * simulator's answer (today's rules) must hold on a private hierarchy of the kernel. A case that
 * fails is written out as a scenario file that reproduces it ({@code cgscope scenario run
 * --kernel FILE}). The seeds change from run to run; {@code -Dcgscope.differential.seed=N} runs
 * those of one run again.
 */
class DifferentialScenarioTest {
    private static final int SCENARIOS = 200;
    /**
     * Scenarios run on one mount: a fresh mount for each took about 1.2 s more than the scenario
     * (mostly the wait for the kernel to free the unmounted hierarchy), on a load of 12.
     */
    private static final int BATCH = 25;
    /**
     * Batches run side by side, each on its own mount: most of a scenario's time is waiting for
     * the kernel (a process to start, the agent to be started, settle's quiet time).
     */
    private static final int PARALLEL = 4;

    private static long firstSeed() {
        String fixed = System.getProperty("cgscope.differential.seed");
        return fixed != null ? Long.parseLong(fixed) : System.currentTimeMillis();
    }

    @Test
    void everyGeneratedScenarioHoldsOnTheSimulatorThatWroteIt() throws Exception {
        long first = firstSeed();
        for (long seed = first; seed < first + SCENARIOS; seed++) {
            String text = RandomScenarios.generate(seed);
            RunResult r = ScenarioRunner.run(ScenarioParser.parse("seed-" + seed, text), new SimTarget(ReleaseRules.TODAY));
            assertTrue(r.allHeld(), () -> text + "\n" + failures(r));
        }
    }

    @Test
    void everyGeneratedScenarioHoldsOnTheKernel() throws Exception {
        String why = PrivateHierarchy.whyUnavailable();
        assumeTrue(why == null, why);
        long first = firstSeed();
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger lines = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> batches = new ArrayList<>();
            for (long batch = first; batch < first + SCENARIOS; batch += BATCH) {
                long from = batch;
                batches.add(pool.submit(() -> {
                    runBatch(from, Math.min(from + BATCH, first + SCENARIOS), failed, lines);
                    return null;
                }));
            }
            for (Future<?> f : batches) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        System.err.printf("differential: %d scenarios, %d lines, on the kernel in %d ms (seeds from %d)%n",
                SCENARIOS, lines.get(), (System.nanoTime() - started) / 1_000_000, first);
        if (!failed.isEmpty()) {
            fail(failed.size() + " of " + SCENARIOS + " generated scenarios failed on the kernel:\n"
                    + String.join("\n", failed));
        }
    }

    /** Runs the scenarios of seeds {@code from} to {@code to} (excluded) on one mount. */
    private static void runBatch(long from, long to, List<String> failed, AtomicInteger lines) throws Exception {
        try (KernelScenarioTarget kernel = KernelScenarioTarget.open(CgroupVersion.V1)) {
            for (long seed = from; seed < to; seed++) {
                String text = RandomScenarios.generate(seed);
                Scenario s = ScenarioParser.parse("seed-" + seed, text);
                lines.addAndGet(s.lines().size());
                RunResult r = ScenarioRunner.run(s, kernel);
                if (!r.allHeld()) {
                    failed.add(reproduce(seed, text, r));
                }
                kernel.reset();
            }
        }
    }

    /** Writes the failing scenario where it can be run again, and says what failed. */
    private static String reproduce(long seed, String text, RunResult r) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "differential"));
        Path file = dir.resolve("seed-" + seed + ".scenario");
        Files.writeString(file, text);
        System.err.println("---- " + file + " (cgscope scenario run --kernel " + file + ")\n" + text);
        return file + ":\n" + failures(r);
    }

    private static String failures(RunResult r) {
        StringBuilder s = new StringBuilder();
        for (StepOutcome o : r.outcomes()) {
            if (!o.ok()) {
                s.append("  line ").append(o.line().number()).append(": ").append(o.line().step().text())
                        .append(": ").append(o.message()).append('\n');
            }
        }
        return s.toString();
    }
}
