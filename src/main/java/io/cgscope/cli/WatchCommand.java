package io.cgscope.cli;

import io.cgscope.host.CgroupHost;
import io.cgscope.kernel.MountInfo;
import io.cgscope.local.HostOpener;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code watch [--json] [--root DIR | --fixture DIR]... [--interval MS] [--until-eof]}: a {@code ready} line after
 * the first read, then a line per change; how it streams and ends is {@link WatchStream}'s.
 */
final class WatchCommand {
    private WatchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        return run(args, out, err, System.in, true);
    }

    /**
     * @param in      read to its end when {@code --until-eof} is given
     * @param signals take over SIGINT and SIGTERM (a real process); tests running in-process do not
     */
    static int run(List<String> args, PrintStream out, PrintStream err, InputStream in, boolean signals)
            throws UsageException {
        Options o = Options.parse(args, true);
        CgroupHost host;
        try {
            host = o.host(HostOpener.Following.LIVE, MountInfo.SELF);
        } catch (IOException e) {
            err.println("cgscope watch: cannot read the mount table: " + e.getMessage());
            return Cli.EXIT_FAILURE;
        }
        EventLines lines = EventLines.of(o.json(), out);
        try (host) {
            return new WatchStream(host.live(), lines, err).run(o.untilEof() ? in : null, signals);
        }
    }
}
