package io.cgscope.live;

/**
 * Where the engine learns of task exits and births: the kernel's process events, or only the
 * poller, and why.
 *
 * @param whyNot null when the process events come; otherwise the sentence that says why not
 */
record TaskSource(String whyNot) {
    static final TaskSource KERNEL = new TaskSource(null);

    boolean kernel() {
        return whyNot == null;
    }
}
