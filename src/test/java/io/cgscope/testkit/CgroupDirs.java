package io.cgscope.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Removing a tree of cgroups the test made: rmdir deepest first, since cgroupfs has no rm -r. */
final class CgroupDirs {
    private CgroupDirs() {
    }

    /**
     * Removes the cgroups below {@code top}, and {@code top} itself when asked. A cgroup already
     * gone (removed by the test or by a release agent) is fine; one that will not go is reported.
     */
    static void removeTree(Path top, boolean includingTop) {
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(top)) {
            all.filter(Files::isDirectory).filter(p -> includingTop || !p.equals(top)).forEach(dirs::add);
        } catch (IOException e) {
            // a cgroup vanished during the walk; what was listed is still removed below
        }
        dirs.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path d : dirs) {
            try {
                Files.delete(d);
            } catch (NoSuchFileException gone) {
                // removed already
            } catch (IOException e) {
                System.err.println("could not remove cgroup " + d + ": " + e.getMessage());
            }
        }
    }
}
