package io.cgscope.testkit;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A private hierarchy for each test of a class, registered as
 * {@code @RegisterExtension final MountedPerTest mounted = new MountedPerTest();}: mounted before
 * the class's own {@code @BeforeEach} methods, closed after its {@code @AfterEach} methods, and the
 * test skipped with the reason where real-kernel tests cannot run.
 */
public final class MountedPerTest implements BeforeEachCallback, AfterEachCallback {
    private PrivateHierarchy hierarchy;

    public PrivateHierarchy get() {
        return hierarchy;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        assumeTrue(PrivateHierarchy.whyUnavailable() == null, PrivateHierarchy.whyUnavailable());
        hierarchy = PrivateHierarchy.mount();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (hierarchy != null) {
            hierarchy.close();
            hierarchy = null;
        }
    }
}
