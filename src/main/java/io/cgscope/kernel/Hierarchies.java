package io.cgscope.kernel;

import io.cgscope.model.CgroupVersion;
import io.cgscope.model.Hierarchy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds every mounted cgroup hierarchy: v1 per-controller, v1 named, v2, or any mix of them. */
public final class Hierarchies {
    private static final List<String> NOT_CONTROLLERS = List.of("rw", "ro", "noprefix", "clone_children",
            "xattr", "nsdelegate", "memory_recursiveprot", "memory_localevents", "favordynmods",
            "memory_hugetlb_accounting", "cpuset_v2_mode", "none");

    private static final System.Logger LOG = System.getLogger(Hierarchies.class.getName());

    private Hierarchies() {
    }

    public static List<Hierarchy> discover() throws IOException {
        return discover(MountInfo.SELF);
    }

    /**
     * One hierarchy per superblock (field 3 of mountinfo), in the order of its first mount. Of
     * its mounts, the one whose root is the shortest (the whole tree) is read.
     */
    public static List<Hierarchy> discover(Path mountinfo) throws IOException {
        return of(MountInfo.read(mountinfo));
    }

    /**
     * One hierarchy per superblock (field 3 of mountinfo), in the order of its first mount. Of
     * its mounts Java can reach, the one whose root is the shortest (the whole tree) is read. A
     * hierarchy mounted only where Java cannot name the path (bytes the JVM's file-name charset
     * cannot decode) cannot be read at all: it is left out, with a warning that says where it is.
     */
    static List<Hierarchy> of(List<MountEntry> entries) {
        Map<String, List<MountEntry>> bySuperblock = new LinkedHashMap<>();
        for (MountEntry e : entries) {
            if (e.isCgroup()) {
                bySuperblock.computeIfAbsent(e.device(), d -> new ArrayList<>()).add(e);
            }
        }
        List<Hierarchy> result = new ArrayList<>();
        for (List<MountEntry> all : bySuperblock.values()) {
            List<MountEntry> mounts = new ArrayList<>(all.stream().filter(MountEntry::reachable).toList());
            if (mounts.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "cgroup hierarchy " + all.get(0).device() + " left out: it is"
                        + " mounted only at " + all.get(0).mountPointText() + ", a path this JVM cannot open"
                        + " (its file names are " + System.getProperty("sun.jnu.encoding") + ")");
                continue;
            }
            mounts.sort(Comparator.comparingInt((MountEntry m) -> m.root().length()).thenComparingInt(MountEntry::id));
            result.add(toHierarchy(mounts));
        }
        return result;
    }

    private static Hierarchy toHierarchy(List<MountEntry> mounts) {
        MountEntry main = mounts.get(0);
        List<Path> others = mounts.stream().skip(1).map(MountEntry::mountPoint).toList();
        if (main.fsType().equals("cgroup2")) {
            return new Hierarchy(main.device(), CgroupVersion.V2, List.of(), null, main.mountPoint(), main.root(),
                    others, null, false, false);
        }
        List<String> controllers = new ArrayList<>();
        String name = null;
        String releaseAgent = null;
        boolean noprefix = false;
        boolean cloneChildren = false;
        for (String opt : main.superOptions()) {
            if (opt.startsWith("name=")) {
                name = opt.substring("name=".length());
            } else if (opt.startsWith("release_agent=")) {
                releaseAgent = opt.substring("release_agent=".length());
            } else if (opt.equals("noprefix")) {
                noprefix = true;
            } else if (opt.equals("clone_children")) {
                cloneChildren = true;
            } else if (!NOT_CONTROLLERS.contains(opt) && !opt.contains("=")) {
                controllers.add(opt);
            }
        }
        return new Hierarchy(main.device(), CgroupVersion.V1, controllers, name, main.mountPoint(), main.root(),
                others, releaseAgent, noprefix, cloneChildren);
    }
}
