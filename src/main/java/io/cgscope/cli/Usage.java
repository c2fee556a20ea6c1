package io.cgscope.cli;

/** The text of {@code cgscope --help}. */
final class Usage {
    static final String TEXT = """
            cgscope: a live view of the Linux cgroup filesystem and its release notification

            usage:
              cgscope [--root DIR]... [--select PATH] [--theme light|dark] [--size WxH]
                  open the window (as root to edit; any user can look), 1280x800 unless --size says
              cgscope --fixture DIR... [--select PATH] [--theme light|dark] [--size WxH]
                  open the window on fixture trees (plain directories laid out like cgroupfs,
                  for tests and demonstrations), read-only
              cgscope --sim today|2007 [--select PATH] [--theme light|dark] [--size WxH]
                  open the window on a simulated kernel (a v1 and a v2 hierarchy in memory, no
                  root needed) that releases by today's rules or by those of 2007; its processes
                  are started, moved and ended from the details
              cgscope --screenshot FILE [--root DIR... | --fixture DIR... | --sim RULES] [--select PATH] [--theme light|dark] [--size WxH]
                  render the window to a PNG without a display, and exit
              cgscope dump [--json] [--root DIR... | --fixture DIR... | --sim RULES]
                  print every hierarchy (or the hierarchy or subtree at each DIR) once
              cgscope watch [--json] [--root DIR... | --fixture DIR... | --sim RULES] [--interval MS] [--until-eof]
                  print a "ready" line after the first read, then one line per change as it
                  happens: added, removed, changed (with the fields), emptied, releasable,
                  unreleasable, released. --interval: how often v1 task membership is polled
                  (default 1000 ms). Ends with exit 0 on SIGINT or SIGTERM, on stdin closing
                  with --until-eof, or when every watched hierarchy is gone; with the recorder
                  installed, agent-called: the kernel ran the release agent
              cgscope scenario run [--kernel] [--rules today|2007|both] [--json] FILE|LESSON
                  run a scenario (README, "Scenarios") on the simulated kernel, or with --kernel
                  (as root) on a private hierarchy of this machine's kernel with real processes
                  and a real, logging release agent; print each step and its outcome. --rules
                  both: the simulator under both rule sets side by side, '*' where they differ
              cgscope lessons
                  list the lessons shipped with cgscope; run one with scenario run LESSON
              cgscope agent install --root DIR
                  put the recorder in front of the release agent of DIR's v1 hierarchy: it logs
                  each call of the kernel to /run/cgscope/log/ and then runs the agent set before
              cgscope agent uninstall --root DIR
                  put that agent back exactly, unless release_agent was changed since
              cgscope agent status [--root DIR]...
                  per hierarchy: recorder installed or not, the agent it runs, calls logged
              cgscope --help

            --root DIR: a directory of a cgroup filesystem (statfs(2) says so), the root of a
            hierarchy or a cgroup below it; one of them at most once, none inside another

            exit codes: 0 ok, 1 failure while reading or writing (scenario: an expectation did not
            hold), 2 bad arguments or a path that cannot be read as given, or a scenario's syntax
            error (one line on stderr), 3 no display to open the window on
            """;

    private Usage() {
    }
}
