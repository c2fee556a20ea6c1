package io.cgscope.cli;

import io.cgscope.host.CgroupHost;
import io.cgscope.host.WatchMode;
import io.cgscope.kernel.MountInfo;
import io.cgscope.local.HostOpener;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code dump [--json] [--root DIR | --fixture DIR]...}: every hierarchy, or the named ones, read
 * once through the host the window would show.
 */
final class DumpCommand {
    private DumpCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        return run(args, out, err, MountInfo.SELF);
    }

    /** With a mount table of the caller's: tests only, never reachable from the command line. */
    static int run(List<String> args, PrintStream out, PrintStream err, Path mountinfo) throws UsageException {
        Options o = Options.parse(args, false);
        List<Snapshot> snapshots;
        List<String> agents = new ArrayList<>();
        try (CgroupHost host = o.host(HostOpener.Following.READ_ONCE, mountinfo)) {
            snapshots = host.live().start();
            for (Snapshot s : snapshots) {
                agents.add(host.releaseAgent(s.hierarchy()).filter(a -> !a.isEmpty()).orElse(null));
            }
            reportVanished(host.live().modes(), snapshots, err);
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

    /** A hierarchy unmounted, or a cgroup removed, between finding and reading it: one line each. */
    private static void reportVanished(Map<Hierarchy, WatchMode> modes, List<Snapshot> read, PrintStream err) {
        Set<Hierarchy> got = read.stream().map(Snapshot::hierarchy).collect(Collectors.toSet());
        modes.forEach((h, mode) -> {
            if (!got.contains(h)) {
                err.println("cgscope dump: " + mode.why());
            }
        });
    }
}
