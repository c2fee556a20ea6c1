package io.cgscope.model;

import java.util.Collection;

/** The rules for the name of a new child cgroup: a single directory name the kernel will accept. */
public final class ChildName {
    /** NAME_MAX: kernfs takes at most 255 bytes per name. */
    public static final int MAX_BYTES = 255;

    private ChildName() {
    }

    /**
     * @param name  what the user typed, unchanged
     * @param taken names already used in the parent directory: its child cgroups and interface files
     */
    public static Check check(String name, Collection<String> taken) {
        if (name == null || name.isEmpty()) {
            return Check.refuse("Type a name for the new cgroup.");
        }
        if (name.contains("/")) {
            return Check.refuse("A cgroup name cannot contain \"/\": create one level at a time.");
        }
        if (name.equals(".") || name.equals("..")) {
            return Check.refuse("\"" + name + "\" names a directory that always exists; choose another name.");
        }
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
            return Check.refuse("A cgroup name cannot contain a line break: release agents and tools read paths one per line.");
        }
        if (name.indexOf('\0') >= 0) {
            return Check.refuse("A cgroup name cannot contain a NUL character.");
        }
        if (!NameBytes.encodable(name)) {
            return Check.refuse("The name holds a character that is not text (a lone surrogate).");
        }
        int bytes = NameBytes.length(name);
        if (bytes > MAX_BYTES) {
            return Check.refuse("The name is " + bytes + " bytes long; the kernel takes at most " + MAX_BYTES + ".");
        }
        if (taken.contains(name)) {
            return Check.refuse("\"" + name + "\" already exists in this cgroup (a child cgroup or an interface file).");
        }
        return Check.ok();
    }
}
