package io.cgscope.cli;

import io.cgscope.kernel.CgroupReader;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;
import io.cgscope.model.Snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/** {@code dump [--json] [--root DIR]...}: every hierarchy, or the named ones, read once. */
final class DumpCommand {
    private DumpCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Options o = Options.parse("dump", args, false);
        List<Snapshot> snapshots = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        try {
            for (Target t : Targets.resolve(o.roots(), o.mountinfo())) {
                CgroupReader reader = new CgroupReader(t.hierarchy());
                try {
                    snapshots.add(reader.read(t.cgroupPath()));
                    agents.add(reader.releaseAgent().orElse(null));
                } catch (NoSuchFileException e) {
                    // A hierarchy unmounted, or a cgroup removed, between finding and reading it.
                    err.println("cgscope dump: " + reader.describe(t.cgroupPath()) + " vanished while it was read");
                }
            }
        } catch (NotACgroupException e) {
            err.println("cgscope dump: " + e.getMessage());
            return Cli.EXIT_USAGE;
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
