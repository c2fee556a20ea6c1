package io.cgscope.model;

/**
 * What a write of one value file asked for and what the file says right after it. They differ
 * when the kernel normalises the value ({@code notify_on_release} written as 2 reads back 1,
 * {@code release_agent} loses surrounding white space) or when someone else wrote the file in
 * between.
 *
 * @param file      the interface file written
 * @param cgroup    the cgroup it belongs to
 * @param asked     the value asked for ("" for no release agent)
 * @param kernelHas the value read back ("" for no release agent)
 * @param files     the cgroup as read back
 */
public record ReadBack(String file, String cgroup, String asked, String kernelHas, CgroupFiles files) {
    public boolean asAsked() {
        return asked.equals(kernelHas);
    }

    /** "asked 2, the kernel has 1", or "" when the kernel has what was asked. */
    public String difference() {
        return asAsked() ? "" : "asked " + shown(asked) + ", the kernel has " + shown(kernelHas);
    }

    /**
     * "notify_on_release of /a is now 1 (read back).", and when the kernel has something else
     * than was asked, a clause that says so.
     */
    public String describe() {
        String subject = "release_agent".equals(file) ? file : file + " of " + cgroup;
        String now = subject + " is now " + shown(kernelHas) + " (read back)";
        return asAsked() ? now + "." : now + ", not what was asked: " + difference() + ".";
    }

    /** How a value is named in a sentence: "none" for empty, quoted when white space would hide. */
    public static String shown(String value) {
        if (value.isEmpty()) {
            return "none";
        }
        return value.strip().equals(value) ? value : "\"" + value + "\"";
    }
}
