package io.cgscope.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One mounted cgroup hierarchy. A hierarchy mounted at several places (same superblock, same
 * device number in mountinfo) is one hierarchy with several mount points; {@link #mountPoint()}
 * is the one that shows the most of it.
 *
 * @param device        "major:minor" of the superblock: the identity of the hierarchy
 * @param version       v1 or v2
 * @param controllers   the v1 controllers bound to it (empty for a named hierarchy and for v2)
 * @param name          the v1 {@code name=} option, or null
 * @param mountPoint    where it is read from
 * @param mountRoot     the cgroup shown at {@code mountPoint} ("/" unless a subtree is bind-mounted)
 * @param otherMountPoints further places the same hierarchy is mounted
 * @param releaseAgentOption the mount-time {@code release_agent=} option, or null
 * @param noprefix      the v1 {@code noprefix} option: controller files without their prefix
 * @param cloneChildrenOption the v1 {@code clone_children} mount option
 */
public record Hierarchy(
        String device,
        CgroupVersion version,
        List<String> controllers,
        String name,
        Path mountPoint,
        String mountRoot,
        List<Path> otherMountPoints,
        String releaseAgentOption,
        boolean noprefix,
        boolean cloneChildrenOption) {

    public Hierarchy {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(mountPoint, "mountPoint");
        controllers = List.copyOf(controllers);
        otherMountPoints = List.copyOf(otherMountPoints);
        mountRoot = mountRoot == null ? "/" : mountRoot;
    }

    /** The short name a person knows it by: {@code cpu,cpuacct}, {@code name=systemd}, {@code unified}. */
    public String title() {
        if (version == CgroupVersion.V2) {
            return "unified";
        }
        if (name != null) {
            return controllers.isEmpty() ? "name=" + name : String.join(",", controllers) + ",name=" + name;
        }
        return controllers.isEmpty() ? "none" : String.join(",", controllers);
    }

    /** {@code cpu,cpuacct (v1) /sys/fs/cgroup/cpu,cpuacct}. */
    public String label() {
        return title() + " (v" + version.number() + ") " + mountPoint;
    }

    /** True for hierarchies where a release agent exists at all (v1). */
    public boolean hasReleaseAgent() {
        return version == CgroupVersion.V1;
    }

    /**
     * Why release_agent cannot be written through this mount, or null when it can: v2 has none,
     * and a mount that shows only a subtree does not show the root's file.
     */
    public String whyNoReleaseAgent() {
        if (version != CgroupVersion.V1) {
            return "cgroup v2 has no release agent: it reports an emptied cgroup as populated 0 in cgroup.events.";
        }
        if (!"/".equals(mountRoot)) {
            return "This mount shows only " + mountRoot + " of the hierarchy; release_agent lives in its root.";
        }
        return null;
    }
}
