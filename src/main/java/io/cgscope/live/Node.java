package io.cgscope.live;

import io.cgscope.model.Cgroup;
import io.cgscope.model.CgroupFiles;

import java.nio.file.WatchKey;

/** The engine's mutable record of one cgroup: what its files said, what follows, and its watch. */
final class Node {
    CgroupFiles files;
    /** Null only between the node's creation and the first recompute of the flush that made it. */
    Cgroup cgroup;
    /** Null when the directory is not watched (watch limit reached, or registration raced a rmdir). */
    WatchKey key;

    Node(CgroupFiles files) {
        this.files = files;
    }
}
