package io.cgscope.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Run by {@link LeftoverSweepTest} in a JVM of its own, which the test then kills with SIGKILL:
 * makes with the test kit what a test run has while it runs, a private hierarchy and a cgroup2
 * sandbox with processes in them, prints what it made ("hierarchy NAME DIR", "sandbox DIR",
 * "process PID" each), says "ready" and waits to be killed.
 */
public final class LeftoverMaker {
    private LeftoverMaker() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrivateHierarchy h = PrivateHierarchy.mount();
        h.mkdir("/job");
        h.mkdir("/threads");
        out.println("hierarchy " + h.name() + " " + h.dir());
        out.println("process " + h.startIn("/job").pid());
        out.println("process " + h.startThreadedIn("/threads").pid());
        if (V2Sandbox.machineV2().isPresent()) {
            V2Sandbox s = V2Sandbox.create();
            String job = s.path() + "/job";
            s.mkdir(job);
            out.println("sandbox " + s.pathOf(s.path()));
            out.println("process " + s.startIn(job).pid());
        }
        out.println("ready");
        // until killed; should the test end first, its end of this pipe closes and this returns
        System.in.read();
    }
}
