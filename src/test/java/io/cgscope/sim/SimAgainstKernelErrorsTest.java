package io.cgscope.sim;

import io.cgscope.model.ReleaseRules;
import io.cgscope.host.CgroupEdits;
import io.cgscope.host.CgroupHost;
import io.cgscope.local.HostOpener;
import io.cgscope.model.CgroupWriteException;
import io.cgscope.model.Errno;
import io.cgscope.model.Hierarchy;
import io.cgscope.testkit.PrivateHierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The simulated kernel refuses what the real one refuses, with the same errno, stores what it
 * stores, and the edit panels' writes (the host seam's {@link CgroupEdits}) say the same
 * sentences on both: the same steps on the simulator and, as root, on a private named v1
 * hierarchy of the real kernel.
 */
class SimAgainstKernelErrorsTest {
    /** Above any pid this machine hands out (pid_max is at most 2^22), and no simulated pid either. */
    private static final int NO_PID = 4_194_303;

    private PrivateHierarchy real;
    private final SimKernel sim = new SimKernel(ReleaseRules.TODAY, false);
    private final Hierarchy simV1 = sim.v1();

    @BeforeEach
    void mount() throws IOException {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        assumeTrue(!Files.exists(Path.of("/proc/" + NO_PID)), "pid " + NO_PID + " exists here");
        real = PrivateHierarchy.mount();
    }

    @AfterEach
    void unmount() {
        if (real != null) {
            real.close();
        }
    }

    /** "ok" or the errno's name, for one step on the real kernel. */
    private interface KernelStep {
        void run() throws IOException;
    }

    private interface SimStep {
        void run() throws IOException;
    }

    private static String onKernel(KernelStep step) {
        try {
            step.run();
            return "ok";
        } catch (FileAlreadyExistsException e) {
            return "EEXIST";
        } catch (NoSuchFileException e) {
            return "ENOENT";
        } catch (FileSystemException e) {
            return errnoNamed(e.getReason());
        } catch (IOException e) {
            return errnoNamed(e.getMessage()); // a failed write(2): the C library's words alone
        }
    }

    private static String errnoNamed(String words) {
        return IntStream.range(1, 134).filter(n -> Errno.describe(n).equals(words))
                .mapToObj(Errno::name).findFirst().orElse(words);
    }

    private static String onSim(SimStep step) {
        try {
            step.run();
            return "ok";
        } catch (CgroupWriteException e) {
            return Errno.name(e.errno());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private String kernelText(String cgroup, String file) throws IOException {
        return shortened(Files.readString(real.pathOf(cgroup).resolve(file)));
    }

    private String simText(String cgroup, String file) throws IOException {
        return shortened(new String(sim.read(simV1, cgroup, file), StandardCharsets.UTF_8));
    }

    /** A long agent path by its length: a line of 4,095 letters says nothing more. */
    private static String shortened(String text) {
        return text.length() > 40 ? text.length() + " characters" : text.replace("\n", "\\n");
    }

    @Test
    void writesAreRefusedWithTheKernelsErrnoAndStoredAsTheKernelStoresThem() throws IOException {
        real.mkdir("/a");
        sim.mkdir(simV1, "/a");
        List<String> kernel = new ArrayList<>();
        List<String> simulated = new ArrayList<>();
        String agent4096 = "/" + "a".repeat(4094) + "\n";
        String agent4095 = "/" + "a".repeat(4094);
        List<String[]> writes = List.of(
                new String[]{"/a", "notify_on_release", "2"}, new String[]{"/a", "notify_on_release", "0"},
                new String[]{"/a", "notify_on_release", "0x10"}, new String[]{"/a", "notify_on_release", "010"},
                new String[]{"/a", "notify_on_release", "08"}, new String[]{"/a", "notify_on_release", "+1"},
                new String[]{"/a", "notify_on_release", "-1"}, new String[]{"/a", "notify_on_release", "yes"},
                new String[]{"/a", "notify_on_release", " 0"}, new String[]{"/a", "notify_on_release", "0 "},
                new String[]{"/a", "notify_on_release", "0\n"}, new String[]{"/a", "notify_on_release", "\n"},
                new String[]{"/a", "notify_on_release", "99999999999999999999"},
                new String[]{"/a", "cgroup.clone_children", "3"}, new String[]{"/a", "cgroup.clone_children", "yes"},
                new String[]{"/", "release_agent", " /x/y \n"}, new String[]{"/", "release_agent", agent4096},
                new String[]{"/", "release_agent", agent4095}, new String[]{"/", "release_agent", "   "},
                new String[]{"/a", "cgroup.procs", "abc"}, new String[]{"/a", "cgroup.procs", "-1"},
                new String[]{"/a", "cgroup.procs", "\n"}, new String[]{"/a", "cgroup.procs", Integer.toString(NO_PID)},
                new String[]{"/a", "tasks", Integer.toString(NO_PID)}, new String[]{"/gone", "notify_on_release", "1"});
        for (String[] w : writes) {
            String step = w[1] + " of " + w[0] + " <- \"" + w[2].replace("\n", "\\n").substring(0, Math.min(w[2].length(), 12)) + "\": ";
            kernel.add(step + onKernel(() -> Files.write(real.pathOf(w[0]).resolve(w[1]),
                    w[2].getBytes(StandardCharsets.UTF_8))) + " " + (w[0].equals("/gone") ? "" : kernelText(w[0], w[1])));
            simulated.add(step + onSim(() -> sim.write(simV1, w[0], w[1], w[2])) + " "
                    + (w[0].equals("/gone") ? "" : simText(w[0], w[1])));
        }
        assertEquals(String.join("\n", kernel), String.join("\n", simulated));
    }

    @Test
    void mkdirAndRmdirAreRefusedWithTheKernelsErrno() throws IOException {
        real.mkdir("/a/b");
        sim.mkdir(simV1, "/a");
        sim.mkdir(simV1, "/a/b");
        real.startIn("/a/b");
        sim.spawn("sleep", simV1, "/a/b", 1);
        List<String> paths = List.of("/a", "/a/notify_on_release", "/missing/x", "/a/x\ny", "/a/c");
        List<String> kernel = new ArrayList<>();
        List<String> simulated = new ArrayList<>();
        for (String p : paths) {
            kernel.add("mkdir " + p + ": " + onKernel(() -> Files.createDirectory(real.pathOf(p))));
            simulated.add("mkdir " + p + ": " + onSim(() -> sim.mkdir(simV1, p)));
        }
        for (String p : List.of("/", "/missing", "/a", "/a/b", "/a/c")) {
            kernel.add("rmdir " + p + ": " + onKernel(() -> Files.delete(real.pathOf(p))));
            simulated.add("rmdir " + p + ": " + onSim(() -> sim.rmdir(simV1, p)));
        }
        assertEquals(String.join("\n", kernel), String.join("\n", simulated));
    }

    /** The sentence an edit ends with, its pids made alike (the two kernels number processes their own way). */
    private interface Edit {
        Object apply(CgroupEdits edits) throws IOException;
    }

    private static Edit removing(String cgroup) {
        return e -> {
            e.remove(cgroup);
            return null;
        };
    }

    private static String said(CgroupEdits edits, Edit edit, List<Long> pids) {
        String s;
        try {
            Object done = edit.apply(edits);
            s = done instanceof io.cgscope.model.ReadBack r ? r.describe() : "done";
        } catch (IOException | IllegalArgumentException e) {
            s = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        for (long pid : pids) {
            s = s.replace(Long.toString(pid), "PID");
        }
        return s;
    }

    @Test
    void theEditPanelsSayTheKernelsSentencesOnTheSimulator() throws Exception {
        CgroupHost kernelHost = HostOpener.open(new HostOpener.Request(List.of(real.dir()), List.of(),
                HostOpener.Following.READ_ONCE));
        try (kernelHost; SimHost simHost = new SimHost(sim, Clock.systemUTC())) {
            CgroupEdits onKernel = kernelHost.edits(kernelHost.live().start().get(0).hierarchy()).orElseThrow();
            CgroupEdits onSim = simHost.edits(simV1).orElseThrow();
            List<Long> pids = new ArrayList<>();
            List<Edit> edits = List.of(
                    e -> e.createChild("/", "a"), e -> e.createChild("/", "a"), e -> e.createChild("/a", "b"),
                    e -> e.createChild("/missing", "x"), e -> e.createChild("/a", "notify_on_release"),
                    e -> e.setNotifyOnRelease("/a", true), e -> e.setCloneChildren("/a", true),
                    e -> e.createChild("/a", "c"), e -> e.setNotifyOnRelease("/gone", true),
                    removing("/a"), removing("/"), removing("/gone"), removing("/a/c"),
                    e -> e.setReleaseAgent("/" + "a".repeat(4095)), e -> e.setReleaseAgent("relative/agent"),
                    e -> e.setReleaseAgent("/x/y"), e -> e.clearReleaseAgent(),
                    e -> e.moveProcess("/a", NO_PID), e -> e.moveProcess("/gone", NO_PID),
                    e -> e.moveProcess("/a", 0));
            List<String> kernel = new ArrayList<>();
            List<String> simulated = new ArrayList<>();
            for (Edit edit : edits) {
                kernel.add(said(onKernel, edit, pids));
                simulated.add(said(onSim, edit, pids));
            }
            // a busy cgroup: each kernel's own process in /a/b
            pids.add(real.startIn("/a/b").pid());
            pids.add((long) sim.spawn("sleep", simV1, "/a/b", 1));
            kernel.add(said(onKernel, removing("/a/b"), pids));
            simulated.add(said(onSim, removing("/a/b"), pids));
            assertEquals(String.join("\n", kernel), String.join("\n", simulated));
        }
    }
}
