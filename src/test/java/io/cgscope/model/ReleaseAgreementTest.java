package io.cgscope.model;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Predictions against the kernel's calls: matched in either order within the window, the rest flagged. */
class ReleaseAgreementTest {
    private static final Hierarchy RECORDED = hierarchy("0:41", "recorded");
    private static final Hierarchy UNRECORDED = hierarchy("0:42", "plain");
    private static final Instant T0 = Instant.parse("2026-12-01T07:00:00Z");

    private static Hierarchy hierarchy(String device, String name) {
        return new Hierarchy(device, CgroupVersion.V1, List.of(), name, Path.of("/mnt/" + name), "/", List.of(),
                null, false, false);
    }

    private static Change change(ChangeKind kind, Hierarchy h, String path) {
        return new Change(T0, kind, h, path, Set.of(), null, null);
    }

    @Test
    void aCallMatchesItsPredictionInEitherOrder() {
        ReleaseAgreement a = new ReleaseAgreement();
        a.add(change(ChangeKind.AGENT_CALLED, RECORDED, "/a"), T0); // the kernel first: the poller came later
        a.add(change(ChangeKind.RELEASED, RECORDED, "/a"), T0.plusMillis(900));
        a.add(change(ChangeKind.RELEASED, RECORDED, "/b"), T0.plusMillis(1000));
        a.add(change(ChangeKind.AGENT_CALLED, RECORDED, "/b"), T0.plusMillis(1010));
        assertEquals(List.of(), a.expire(T0.plusSeconds(60)));
        assertEquals(2, a.confirmed());
        assertEquals(2, a.calls());
        assertEquals(2, a.predicted());
    }

    @Test
    void aPredictionWithoutACallAndACallWithoutAPredictionAreFlaggedOnceTheWindowPassed() {
        ReleaseAgreement a = new ReleaseAgreement();
        a.add(change(ChangeKind.RELEASED, RECORDED, "/wrong"), T0);
        a.add(change(ChangeKind.AGENT_CALLED, RECORDED, "/between-two-polls"), T0.plusMillis(500));
        assertEquals(List.of(), a.expire(T0.plusMillis(2900)), "still within the 3 s");
        List<ReleaseAgreement.Flag> flags = a.expire(T0.plusMillis(3600));
        assertEquals(List.of(
                new ReleaseAgreement.Flag(ReleaseAgreement.Flag.Kind.UNCONFIRMED, RECORDED, "/wrong", T0),
                new ReleaseAgreement.Flag(ReleaseAgreement.Flag.Kind.UNPREDICTED, RECORDED, "/between-two-polls",
                        T0.plusMillis(500))), flags);
        assertEquals(1, a.unconfirmed());
        assertEquals(1, a.unpredicted());
        assertEquals(List.of(), a.expire(T0.plusSeconds(60)), "flagged once");
    }

    @Test
    void predictionsOfAHierarchyWithoutARecorderHeardFromAreNotFlagged() {
        ReleaseAgreement a = new ReleaseAgreement();
        a.add(change(ChangeKind.AGENT_CALLED, RECORDED, "/a"), T0);
        a.add(change(ChangeKind.RELEASED, RECORDED, "/a"), T0);
        a.add(change(ChangeKind.RELEASED, UNRECORDED, "/x"), T0);
        assertEquals(List.of(), a.expire(T0.plusSeconds(10)));
        assertEquals(0, a.unconfirmed());
    }

    @Test
    void twoReleasesOfOneCgroupNeedTwoCalls() {
        ReleaseAgreement a = new ReleaseAgreement();
        a.add(change(ChangeKind.RELEASED, RECORDED, "/a"), T0);
        a.add(change(ChangeKind.RELEASED, RECORDED, "/a"), T0.plusMillis(100));
        a.add(change(ChangeKind.AGENT_CALLED, RECORDED, "/a"), T0.plusMillis(200));
        assertEquals(1, a.expire(T0.plusSeconds(10)).size());
        assertEquals(1, a.confirmed());
        assertEquals(1, a.unconfirmed());
    }
}
