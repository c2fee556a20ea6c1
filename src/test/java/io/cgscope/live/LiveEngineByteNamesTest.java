package io.cgscope.live;

import io.cgscope.kernel.Target;
import io.cgscope.model.NameBytes;
import io.cgscope.testkit.ByteNames;
import io.cgscope.testkit.Eventually;
import io.cgscope.testkit.PrivateHierarchy;
import io.cgscope.testkit.Processes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A cgroup whose name is not UTF-8 is seen live like any other: made, filled, and its own
 * children made (which needs a watch on its directory, reached by its exact bytes).
 */
class LiveEngineByteNamesTest {
    @Test
    void aCgroupNamedWithBytesThatAreNotUtf8IsWatchedLikeAnyOther() throws Exception {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        byte[] odd = {'j', 'o', 'b', (byte) 0xff, (byte) 0xc3, '-', 1};
        String oddPath = "/" + NameBytes.decode(odd);
        try (PrivateHierarchy h = PrivateHierarchy.mount(); Processes processes = new Processes()) {
            Recorder r = new Recorder();
            try (LiveEngine engine = new LiveEngine(List.of(new Target(h.hierarchy(), "/")), Duration.ofMillis(200))) {
                engine.addListener(r);
                engine.start();

                ByteNames.mkdir(h.dir(), List.of(odd));
                Eventually.await(oddPath + " added; got " + r.lines(), () -> r.lines().contains(oddPath + " added"));

                ByteNames.mkdir(h.dir(), List.of(odd, new byte[] {'i', 'n'}));
                Eventually.await(oddPath + "/in added; got " + r.lines(),
                        () -> r.lines().contains(oddPath + "/in added"));

                Process p = processes.sleeper();
                ByteNames.moveInto(h.dir(), List.of(odd), p.pid());
                Eventually.await(oddPath + " holds the process; got " + r.lines(),
                        () -> r.lines().contains(oddPath + " changed [procs,threads,populated]"));
                processes.stop(p);
            }
        }
    }
}
