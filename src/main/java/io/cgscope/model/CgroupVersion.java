package io.cgscope.model;

/** The two cgroup filesystems: v1 (one hierarchy per controller set, or named) and v2 (unified). */
public enum CgroupVersion {
    V1(1), V2(2);

    private final int number;

    CgroupVersion(int number) {
        this.number = number;
    }

    /** 1 or 2, as the JSON schema and people write it. */
    public int number() {
        return number;
    }
}
