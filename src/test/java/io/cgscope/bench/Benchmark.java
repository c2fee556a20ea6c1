package io.cgscope.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark: {@code mvn -B -Pbench verify} (see README), or this main on the test class path.
 * Each section builds its own private hierarchies (as root) and prints a table of measured numbers
 * next to their targets and anchors.
 * <pre>
 * Benchmark [snapshot] [live] [forkstorm] [sim] [ui] [agent] [--sizes 1000,10000,100000]
 * </pre>
 * With no section named, all run.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sections = new ArrayList<>();
        int[] sizes = {1_000, 10_000, 100_000};
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sizes")) {
                sizes = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
            } else {
                sections.add(args[i]);
            }
        }
        if (sections.equals(List.of("sim"))) {
            // the simulator needs no root and no hierarchy of the machine
            System.out.println("cgscope benchmark on " + Machine.describe());
            SimBench.run(sizes, System.out);
            javafx.application.Platform.exit(); // the toolkit's threads would keep the JVM alive
            return;
        }
        String why = io.cgscope.testkit.PrivateHierarchy.whyUnavailable();
        if (why != null) {
            System.err.println("benchmark: " + why);
            System.exit(2);
        }
        PrintStream out = System.out;
        out.println("cgscope benchmark on " + Machine.describe());
        if (sections.isEmpty() || sections.contains("snapshot")) {
            SnapshotBench.run(sizes, out);
        }
        if (sections.isEmpty() || sections.contains("live")) {
            LiveBench.run(sizes, out);
        }
        if (sections.isEmpty() || sections.contains("forkstorm")) {
            ForkStormBench.run(out);
        }
        if (sections.isEmpty() || sections.contains("sim")) {
            SimBench.run(sizes, out); // before ui, which ends the toolkit when it is done
        }
        if (sections.isEmpty() || sections.contains("ui")) {
            UiBench.run(sizes, out);
        } else if (sections.contains("sim")) {
            javafx.application.Platform.exit();
        }
        if (sections.isEmpty() || sections.contains("agent")) {
            AgentBench.run(out);
        }
    }
}
