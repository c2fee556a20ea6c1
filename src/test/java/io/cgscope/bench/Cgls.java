package io.cgscope.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code systemd-cgls --all} over a benchmark tree: on a v1 machine it shows the
 * {@code name=systemd} hierarchy, so it runs in a private mount namespace where a tmpfs covers
 * {@code /sys/fs/cgroup} and the tree is bound at {@code /sys/fs/cgroup/systemd}. The time is
 * taken inside the namespace, around systemd-cgls alone.
 */
final class Cgls {
    private static final String SCRIPT = "mount --make-rprivate / && mount -t tmpfs cgls-bench /sys/fs/cgroup"
            + " && mkdir /sys/fs/cgroup/systemd && mount --bind \"$1\" /sys/fs/cgroup/systemd"
            + " && t0=$(date +%s%N) && systemd-cgls --all --no-pager > /dev/null && t1=$(date +%s%N)"
            + " && echo $(( (t1 - t0) / 1000 ))";

    private Cgls() {
    }

    /** One run over {@code dir}: the wall time of systemd-cgls in ms. */
    static Double run(String dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("unshare", "-m", "sh", "-c", SCRIPT, "cgls-bench", dir))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String micros = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (p.waitFor() != 0 || micros.isEmpty()) {
            throw new IOException("systemd-cgls in a private namespace failed (exit " + p.exitValue() + ")");
        }
        return Long.parseLong(micros) / 1000.0;
    }
}
