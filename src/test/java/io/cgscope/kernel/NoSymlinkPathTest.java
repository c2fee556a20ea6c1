package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cgroup path is resolved without following a link on the way, with openat2 and, where a
 * kernel lacks it, name by name with openat(O_NOFOLLOW).
 */
class NoSymlinkPathTest {
    @TempDir
    Path root;

    @AfterEach
    void openat2Again() {
        CgroupDir.openat2Works = true;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aDirectoryReachedThroughALinkIsNotRead(boolean openat2) throws IOException {
        CgroupDir.openat2Works = openat2;
        Path elsewhere = Files.createDirectories(root.resolveSibling(root.getFileName() + "-elsewhere"));
        try {
            CgroupReaderFixtureTest.v1Cgroup(root, "0", "", "");
            CgroupReaderFixtureTest.v1Cgroup(root.resolve("a"), "1", "7\n", "7\n");
            CgroupReaderFixtureTest.v1Cgroup(elsewhere, "1", "42\n", "42\n");
            Files.createSymbolicLink(root.resolve("a/link"), elsewhere);
            CgroupReader reader = new CgroupReader(new Hierarchy("0:0", CgroupVersion.V1, List.of(), "fixture", root,
                    "/", List.of(), null, false, false));

            assertTrue(reader.readFiles("/a").isPresent(), "a plain directory is read");
            assertEquals(List.of(), reader.readFiles("/a").orElseThrow().children(), "a link is no child cgroup");
            assertTrue(reader.readFiles("/a/link").isEmpty(), "the link is not followed");
        } finally {
            try (var files = Files.walk(elsewhere)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
