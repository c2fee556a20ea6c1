package io.cgscope.bench;

import io.cgscope.testkit.PrivateHierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private hierarchy filled with {@code size} cgroups in a realistic shape: a few levels of
 * slices, most cgroups leaves, a handful holding a process and a share with notify_on_release 1.
 */
final class BenchTree implements AutoCloseable {
    final PrivateHierarchy hierarchy;
    final List<String> paths = new ArrayList<>();

    private BenchTree(PrivateHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /** {@code size} cgroups besides the root: 10 slices, each with groups of 100 leaves. */
    static BenchTree build(int size) throws IOException {
        BenchTree t = new BenchTree(PrivateHierarchy.mount());
        try {
            Path root = t.hierarchy.dir();
            int made = 0;
            for (int s = 0; made < size; s++) {
                String slice = "/slice" + s;
                Files.createDirectory(root.resolve(slice.substring(1)));
                t.paths.add(slice);
                made++;
                if (s % 2 == 0) {
                    Files.writeString(root.resolve(slice.substring(1)).resolve("notify_on_release"), "1");
                }
                for (int g = 0; g < 10 && made < size; g++) {
                    String group = slice + "/group" + g;
                    Files.createDirectory(root.resolve(group.substring(1)));
                    t.paths.add(group);
                    made++;
                    for (int l = 0; l < 100 && made < size; l++) {
                        String leaf = group + "/leaf" + l;
                        Files.createDirectory(root.resolve(leaf.substring(1)));
                        t.paths.add(leaf);
                        made++;
                    }
                }
            }
            return t;
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }

    /** Starts {@code count} sleeping processes, one in each of {@code count} leaves spread over the tree. */
    void startProcesses(int count) throws IOException {
        List<String> leaves = paths.stream().filter(p -> p.contains("/leaf")).toList();
        for (int i = 0; i < count && !leaves.isEmpty(); i++) {
            hierarchy.startIn(leaves.get(i * leaves.size() / count));
        }
    }

    Path dir() {
        return hierarchy.dir();
    }

    @Override
    public void close() {
        hierarchy.close();
    }
}
