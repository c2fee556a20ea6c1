package io.cgscope.local;

import io.cgscope.model.CgroupVersion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who may run a scenario on the kernel. */
class ScenarioPlaceTest {
    @Test
    void aUserWhoIsNotRootIsToldWhyInOneSentence() {
        assertEquals("scenario run --kernel needs root: it mounts a private cgroup hierarchy and sets its release agent",
                ScenarioPlace.whyUnavailable(CgroupVersion.V1, 1000));
        assertEquals(ScenarioPlace.whyUnavailable(CgroupVersion.V1, 1000), ScenarioPlace.whyUnavailable(CgroupVersion.V2, 1000));
    }
}
