package io.cgscope.cli;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.Target;
import io.cgscope.model.Snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code dump [--json] [--root DIR]...}: every hierarchy, or the named ones, read once. */
final class DumpCommand {
    private DumpCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        return run(args, out, err, MountInfo.SELF);
    }

    /** With a mount table of the caller's: tests only, never reachable from the command line. */
    static int run(List<String> args, PrintStream out, PrintStream err, Path mountinfo) throws UsageException {
        Options o = Options.parse(args, false);
        List<Snapshot> snapshots = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        try {
            for (Target t : o.targets(mountinfo)) {
                CgroupReader reader = new CgroupReader(t.hierarchy());
                try {
                    snapshots.add(reader.read(t.cgroupPath()));
                    agents.add(reader.releaseAgent().orElse(null));
                } catch (NoSuchFileException e) {
                    // A hierarchy unmounted, or a cgroup removed, between finding and reading it.
                    err.println("cgscope dump: " + reader.describe(t.cgroupPath()) + " vanished while it was read");
                }
            }
        } catch (IOException e) {
            err.println("cgscope dump: cannot read the mount table: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        PrintStream buffered = new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
        try {
            if (o.json()) {
                SnapshotJson.write(snapshots, agents, buffered);
            } else {
                for (int i = 0; i < snapshots.size(); i++) {
                    TextTree.print(snapshots.get(i), agents.get(i), buffered);
                }
            }
        } catch (IOException e) {
            err.println("cgscope dump: cannot write: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        buffered.flush();
        return Cli.EXIT_OK;
    }
}
