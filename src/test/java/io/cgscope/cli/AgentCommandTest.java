package io.cgscope.cli;

import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.Target;
import io.cgscope.live.LiveEngine;
import io.cgscope.model.AgentCall;
import io.cgscope.model.AgentLog;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.ExactAgent;
import io.cgscope.testkit.MountedPerTest;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import io.cgscope.testkit.ThisJava;
import io.cgscope.testkit.V2Sandbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code agent install / uninstall / status} on a private hierarchy of the real kernel, and what
 * the recorder then logs when the kernel releases cgroups: the same paths as the agent it chains
 * to receives and as the live engine's {@code agent-called} events.
 */
class AgentCommandTest {
    @RegisterExtension
    final MountedPerTest mounted = new MountedPerTest();
    @TempDir
    Path scratch;
    private RecorderFiles files;
    private ExactAgent previous;
    private final List<Change> heard = new CopyOnWriteArrayList<>();
    private LiveEngine engine;

    @BeforeEach
    void previousAgentAndRecorderPlace() throws IOException {
        PrivateHierarchy h = mounted.get();
        files = new RecorderFiles(scratch.resolve("run-cgscope"));
        System.setProperty(RecorderFiles.PROPERTY, files.base().toString());
        previous = ExactAgent.in(Files.createDirectory(scratch.resolve("previous")));
        h.write("/", "release_agent", previous.script().toString());
        h.write("/", "notify_on_release", "1");
    }

    @AfterEach
    void stopAndLeaveNoAgent() throws IOException {
        if (engine != null) {
            engine.close();
        }
        System.clearProperty(RecorderFiles.PROPERTY);
        // the hierarchy's removal releases cgroups too: nobody may be called into this test's directories
        mounted.get().write("/", "release_agent", "\n");
    }

    private record Run(int exit, String out, String err) {
    }

    /** {@code cgscope agent ARGS}, with the recorder's place of this test (the system property). */
    private static Run agent(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("agent"));
        all.addAll(List.of(args));
        int exit = Cli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String releaseAgent() throws IOException {
        String raw = mounted.get().read("/", "release_agent");
        assertTrue(raw.endsWith("\n"), raw);
        return raw.substring(0, raw.length() - 1);
    }

    private void watch() throws IOException {
        engine = new LiveEngine(List.of(new Target(mounted.get().hierarchy(), "/")));
        engine.addListener(b -> heard.addAll(b.changes()));
        engine.start();
    }

    private List<String> heard(ChangeKind kind) {
        return heard.stream().filter(c -> c.kind() == kind).map(Change::path).sorted().toList();
    }

    private List<AgentCall> logged() {
        try {
            AgentLog.Parsed p = AgentLog.parse(Files.readAllBytes(files.log()));
            assertEquals(0, p.torn(), "records cut short or interleaved");
            return p.calls();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<String> loggedPaths() {
        return logged().stream().map(AgentCall::path).sorted().toList();
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }

    @Test
    void exitsMovesAndRmdirsAreLoggedAsThePreviousAgentReceivesThemAndUninstallPutsItBack() throws Exception {
        PrivateHierarchy h = mounted.get();
        String dir = h.dir().toString();
        h.mkdir("/exit");
        h.mkdir("/move");
        h.mkdir("/parent/child");
        Run install = agent("install", "--root", dir);
        assertEquals(0, install.exit(), install.err());
        Path recorder = files.recorderOf(h.hierarchy());
        assertEquals(recorder.toString(), releaseAgent());
        assertEquals(0, Files.getAttribute(recorder, "unix:uid"));
        assertEquals(0700, (Integer) Files.getAttribute(recorder, "unix:mode") & 0777);
        watch();

        Process exits = h.startIn("/exit");
        Process moves = h.startIn("/move");
        Eventually.await("both tasks seen", () -> heard.stream().filter(c -> c.kind() == ChangeKind.CHANGED
                && (c.path().equals("/exit") || c.path().equals("/move"))).count() >= 2);
        h.stop(exits);
        h.moveInto(moves, "/");
        h.rmdir("/parent/child"); // the parent's last child: the parent is released

        List<String> expected = List.of("/exit", "/move", "/parent");
        Eventually.awaitEquals("the recorder's log", expected, this::loggedPaths);
        Eventually.awaitEquals("the previous agent's own log", expected, () -> sorted(previous.received()));
        Eventually.awaitEquals("agent-called events", expected, () -> heard(ChangeKind.AGENT_CALLED));
        String device = h.hierarchy().device();
        assertTrue(logged().stream().allMatch(c -> c.hierarchy().equals(device) && c.time() != null), logged().toString());

        Run status = agent("status", "--root", dir);
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().contains("recorder installed, chains to " + previous.script()), status.out());
        assertTrue(status.out().contains("3 calls logged"), status.out());

        Run uninstall = agent("uninstall", "--root", dir);
        assertEquals(0, uninstall.exit(), uninstall.err());
        assertEquals(previous.script().toString(), releaseAgent(), "the previous agent, exactly");
        assertFalse(Files.exists(recorder), "the recorder is removed");
        assertTrue(agent("status", "--root", dir).out().contains("recorder not installed"));
    }

    @Test
    void aHostilePathIsLoggedVerbatimAndRunsNothing() throws Exception {
        PrivateHierarchy h = mounted.get();
        Path marker = Path.of("/tmp", "cgscope-marker-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        // the path holds "$(touch /tmp/cgscope-marker-...)": a shell that evaluated it would make the marker
        // (no newline: cgroup names cannot hold one, the kernel answers EINVAL; see below)
        String hostile = "/a b'q\"`touch " + marker + "`/$(touch /tmp/" + marker.getFileName() + "); x";
        h.mkdir(hostile);
        assertEquals(0, agent("install", "--root", h.dir().toString()).exit());
        watch();
        Process p = h.startIn(hostile);
        Eventually.await("the task seen", () -> heard.stream().anyMatch(c -> c.kind() == ChangeKind.CHANGED
                && c.path().equals(hostile)));
        h.stop(p);

        Eventually.awaitEquals("the recorder's log", List.of(hostile), this::loggedPaths);
        Eventually.awaitEquals("the previous agent's own log", List.of(hostile), previous::received);
        Eventually.awaitEquals("agent-called events", List.of(hostile), () -> heard(ChangeKind.AGENT_CALLED));
        assertFalse(Files.exists(marker), "nothing in the path was run");

        // a newline, which only a caller other than the kernel can pass: run as the kernel runs it
        String withNewline = "/line\n$(touch " + marker + ")";
        ProcessBuilder asTheKernel = new ProcessBuilder(releaseAgent(), withNewline).directory(Path.of("/").toFile());
        asTheKernel.environment().clear();
        asTheKernel.environment().putAll(java.util.Map.of("HOME", "/", "PATH", "/sbin:/bin:/usr/sbin:/usr/bin"));
        Process direct = asTheKernel.start();
        assertTrue(direct.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, direct.exitValue());
        assertEquals(List.of(hostile, withNewline), logged().stream().map(AgentCall::path).toList());
        assertEquals(List.of(hostile, withNewline), previous.received());
        assertFalse(Files.exists(marker), "nothing in the path was run");
    }

    @Test
    void withoutItsLogDirectoryTheRecorderStillRunsThePreviousAgentAndStatusSaysTheLogIsMissing() throws Exception {
        PrivateHierarchy h = mounted.get();
        h.mkdir("/a");
        h.mkdir("/b/c");
        h.mkdir("/d/e");
        String dir = h.dir().toString();
        assertEquals(0, agent("install", "--root", dir).exit());

        Files.delete(files.logDirectory());
        h.rmdir("/b/c");
        Eventually.awaitEquals("the previous agent, called without a log", List.of("/b"), previous::received);
        Run status = agent("status", "--root", dir);
        assertTrue(status.out().contains("log missing: " + files.logDirectory() + " does not exist"), status.out());

        Files.createDirectory(files.logDirectory());
        assumeTrue(mount("-t", "tmpfs", "-o", "ro,size=16k", "tmpfs", files.logDirectory().toString()),
                "cannot mount a read-only tmpfs here; the missing directory was checked");
        try {
            h.rmdir("/d/e");
            Eventually.awaitEquals("the previous agent, called with a read-only log", List.of("/b", "/d"), previous::received);
            status = agent("status", "--root", dir);
            assertTrue(status.out().contains("log missing: " + files.logDirectory() + " is not writable"), status.out());
        } finally {
            mount("-u", files.logDirectory().toString());
        }
    }

    /** mount(8), or umount(8) with "-u" first: whether it worked. */
    private static boolean mount(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (args[0].equals("-u")) {
            command.add("umount");
            command.add(args[1]);
        } else {
            command.add("mount");
            command.addAll(List.of(args));
        }
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aThousandReleasesInABurstAreEachLoggedOnceInWholeRecords() throws Exception {
        PrivateHierarchy h = mounted.get();
        int n = 1000;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String parent = String.format("/p%04d", i);
            h.mkdir(parent + "/c");
            expected.add(parent);
        }
        assertEquals(0, agent("install", "--root", h.dir().toString()).exit());
        watch();
        for (String parent : expected) {
            h.rmdir(parent + "/c");
        }
        Duration burst = Duration.ofSeconds(120);
        Eventually.await("1,000 calls logged", burst, () -> logged().size() >= n);
        assertEquals(expected, loggedPaths(), "each release logged once");
        Eventually.await("1,000 calls received by the previous agent", burst, () -> previous.received().size() >= n);
        assertEquals(expected, sorted(previous.received()));
        Eventually.await("1,000 agent-called events", burst, () -> heard(ChangeKind.AGENT_CALLED).size() >= n);
        assertEquals(expected, heard(ChangeKind.AGENT_CALLED));
    }

    @Test
    void installingTwiceIsRefusedAndChangesNothing() throws Exception {
        String dir = mounted.get().dir().toString();
        assertEquals(0, agent("install", "--root", dir).exit());
        String installed = releaseAgent();
        Run again = agent("install", "--root", dir);
        assertEquals(2, again.exit());
        assertEquals(1, again.err().lines().count(), again.err());
        assertTrue(again.err().contains("installed already"), again.err());
        assertEquals(installed, releaseAgent());
        assertEquals(0, agent("uninstall", "--root", dir).exit());
        assertEquals(previous.script().toString(), releaseAgent(), "the recorder chains to the previous agent, not to itself");
    }

    @Test
    void uninstallLeavesAReleaseAgentSomeoneSetSinceAlone() throws Exception {
        PrivateHierarchy h = mounted.get();
        String dir = h.dir().toString();
        assertEquals(0, agent("install", "--root", dir).exit());
        h.write("/", "release_agent", "/usr/local/sbin/someone-else");
        Run uninstall = agent("uninstall", "--root", dir);
        assertEquals(2, uninstall.exit());
        assertEquals(1, uninstall.err().lines().count(), uninstall.err());
        assertTrue(uninstall.err().contains("was changed to /usr/local/sbin/someone-else since the recorder was installed"),
                uninstall.err());
        assertEquals("/usr/local/sbin/someone-else", releaseAgent());
    }

    @Test
    void v2AndADirectoryThatIsNoCgroupAreRefused() throws Exception {
        Run notCgroup = agent("install", "--root", scratch.toString());
        assertEquals(2, notCgroup.exit());
        assertTrue(notCgroup.err().contains("is not a cgroup filesystem"), notCgroup.err());
        assertFalse(Files.exists(files.base()), "nothing was written");
        assumeTrue(V2Sandbox.machineV2().isPresent(), "no cgroup2 mount on this machine; the rest skipped");
        Run v2 = agent("install", "--root", V2Sandbox.machineV2().get().mountPoint().toString());
        assertEquals(2, v2.exit());
        assertEquals(1, v2.err().lines().count(), v2.err());
        assertTrue(v2.err().contains("cgroup v2 has no release agent"), v2.err());
        assertFalse(Files.exists(files.base()), "nothing was written");
    }

    @Test
    void withoutCapSysAdminTheKernelsRefusalIsSaidAndNoRecorderIsLeft() throws Exception {
        PrivateHierarchy h = mounted.get();
        Process p = new Processes().start(new ProcessBuilder("setpriv", "--inh-caps=-sys_admin",
                "--bounding-set=-sys_admin", "--",
                ThisJava.command(), "-D" + RecorderFiles.PROPERTY + "=" + files.base(),
                "-cp", System.getProperty("java.class.path"), "io.cgscope.Launcher",
                "agent", "install", "--root", h.dir().toString()).redirectErrorStream(true));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("needs CAP_SYS_ADMIN in the initial user namespace (EPERM)"), output);
        assertEquals(previous.script().toString(), releaseAgent(), "release_agent unchanged");
        assertFalse(Files.exists(files.recorderOf(h.hierarchy())), "no recorder left behind");
    }
}
