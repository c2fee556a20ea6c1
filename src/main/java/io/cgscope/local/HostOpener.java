package io.cgscope.local;

import io.cgscope.host.Access;
import io.cgscope.host.CgroupHost;
import io.cgscope.host.LiveSource;
import io.cgscope.kernel.Fixtures;
import io.cgscope.kernel.MountInfo;
import io.cgscope.kernel.NotACgroupException;
import io.cgscope.kernel.Privileges;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.Targets;
import io.cgscope.live.LiveEngine;
import io.cgscope.model.ReleaseRules;
import io.cgscope.sim.SimHost;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one place that turns what the command line names into a host: every hierarchy of this
 * machine, the cgroup directories named with {@code --root}, the fixture trees named with
 * {@code --fixture}, or the simulated kernel of {@code --sim}. The window, {@code dump} and {@code watch} all open their host here, so they
 * accept the same things. Nothing is read before the directories are checked: a directory that
 * is no cgroupfs is a {@link NotACgroupException}, and a fixture is taken only by name.
 */
public final class HostOpener {
    /**
     * The engine's nice value behind a window. A burst of kernel changes (10,000 mkdirs) keeps the
     * engine's threads busy for most of a second, and on a two-core machine they compete with
     * the FX and render threads for the cores. Behind them, the engine still has every cycle
     * the window leaves idle.
     */
    static final int NICENESS_BEHIND_WINDOW = 10;

    /** How the host's source follows the cgroups. */
    public enum Following {
        /** Read once, never watched: one consistent picture (dump, the screenshot). */
        READ_ONCE,
        /** Watched live, for a command. */
        LIVE,
        /** Watched live, its threads behind the ones that paint a window. */
        LIVE_BEHIND_WINDOW
    }

    /**
     * What to open.
     *
     * @param roots        {@code --root} directories; none and no fixtures: every hierarchy
     * @param fixtures     {@code --fixture} directories (never together with roots)
     * @param pollInterval how often the poller looks at what inotify does not report
     * @param simulated    {@code --sim}: the rules of a simulated kernel to open instead, or null
     */
    public record Request(List<Path> roots, List<Path> fixtures, Duration pollInterval, Following following,
                          ReleaseRules simulated) {
        public Request {
            roots = List.copyOf(roots);
            fixtures = List.copyOf(fixtures);
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(following, "following");
            if (!roots.isEmpty() && !fixtures.isEmpty()) {
                throw new IllegalArgumentException("--root and --fixture cannot be mixed");
            }
            if (simulated != null && (!roots.isEmpty() || !fixtures.isEmpty())) {
                throw new IllegalArgumentException(SIM_ALONE);
            }
        }

        public Request(List<Path> roots, List<Path> fixtures, Duration pollInterval, Following following) {
            this(roots, fixtures, pollInterval, following, null);
        }

        public Request(List<Path> roots, List<Path> fixtures, Following following) {
            this(roots, fixtures, LiveEngine.DEFAULT_INTERVAL, following);
        }
    }

    /** Why --sim takes no directory beside it, for every command that refuses the mix. */
    public static final String SIM_ALONE = "--sim opens a simulated kernel of its own: it does not mix with --root"
            + " or --fixture";

    private HostOpener() {
    }

    /** Opens {@code request} on this machine, as this process may write it. */
    public static CgroupHost open(Request request) throws IOException, NotACgroupException {
        return open(request, MountInfo.SELF, Privileges.current());
    }

    /**
     * @param mountinfo the mount table that decides what is a cgroup hierarchy (the kernel's own
     *                  outside tests)
     */
    public static CgroupHost open(Request request, Path mountinfo, Privileges privileges)
            throws IOException, NotACgroupException {
        if (request.simulated() != null) {
            // nothing of this machine is read or written: the simulator's cgroups are memory
            return SimHost.open(request.simulated());
        }
        if (!request.fixtures().isEmpty()) {
            List<Target> targets = Fixtures.resolve(request.fixtures());
            return LocalHost.fixtures(source(targets, request), whyFixturesReadOnly(request.fixtures()));
        }
        List<Target> targets = Targets.resolve(request.roots(), mountinfo);
        return LocalHost.kernel(source(targets, request), access(privileges));
    }

    private static LiveSource source(List<Target> targets, Request request) {
        return switch (request.following()) {
            case READ_ONCE -> new OneReadSource(targets);
            case LIVE -> new LiveEngine(targets, request.pollInterval());
            case LIVE_BEHIND_WINDOW -> new LiveEngine(targets, request.pollInterval())
                    .withNiceness(NICENESS_BEHIND_WINDOW);
        };
    }

    /** What the banner says when this process may not write, with what would allow it. */
    static Access access(Privileges privileges) {
        String why = privileges.whyReadOnly();
        return why == null ? Access.readWrite() : Access.readOnly(why + " Browsing works; the edit panels stay"
                + " disabled. Writing needs root with CAP_SYS_ADMIN in the initial user namespace (for example,"
                + " start it with sudo).");
    }

    /** Fixture trees are never written, whatever the privileges: no privilege changes that. */
    static String whyFixturesReadOnly(List<Path> fixtures) {
        String dirs = fixtures.stream().map(Path::toString).collect(Collectors.joining(", "));
        boolean one = fixtures.size() == 1;
        return "Read-only: " + dirs + (one ? " is a fixture tree, a plain directory" : " are fixture trees, plain directories")
                + " laid out like cgroupfs, not a cgroup filesystem. cgscope shows " + (one ? "it" : "them")
                + " and never writes to " + (one ? "it" : "them") + "; open a cgroup hierarchy with --root to edit.";
    }
}
