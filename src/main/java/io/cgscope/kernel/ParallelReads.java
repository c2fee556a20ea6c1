package io.cgscope.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.Function;

/**
 * Reads one level of cgroups side by side: the kernel's open and read of cgroupfs files dominate
 * (about 7 us a file here) and scale across cores, so a level of thousands (a burst of mkdirs, a
 * wide hierarchy) is split into ranges that a pool's threads read at once. A small level is read
 * on the calling thread, where handing it to the pool would cost more than it saves.
 */
public final class ParallelReads {
    /** Levels at least this large are read on the pool; also the size of one range. */
    static final int THRESHOLD = 32;

    private ParallelReads() {
    }

    /**
     * {@code read} applied to each of {@code items}, in their order. {@code read} runs on the
     * pool's threads for a large level: it must only look at what is safe to share.
     *
     * @param pool null to read on the calling thread whatever the size
     */
    public static <T> List<T> each(ForkJoinPool pool, List<String> items, Function<String, T> read) {
        if (pool == null || items.size() < THRESHOLD) {
            List<T> out = new ArrayList<>(items.size());
            for (String item : items) {
                out.add(read.apply(item));
            }
            return out;
        }
        Object[] out = new Object[items.size()];
        pool.invoke(new Range(items, read, out, 0, items.size()));
        @SuppressWarnings("unchecked")
        List<T> result = (List<T>) Arrays.asList(out);
        return result;
    }

    /** Splits a level in halves until a range is small enough to read in one go. */
    private static final class Range extends RecursiveAction {
        private final List<String> items;
        private final Function<String, ?> read;
        private final Object[] out;
        private final int from;
        private final int to;

        Range(List<String> items, Function<String, ?> read, Object[] out, int from, int to) {
            this.items = items;
            this.read = read;
            this.out = out;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= THRESHOLD) {
                for (int i = from; i < to; i++) {
                    out[i] = read.apply(items.get(i));
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Range(items, read, out, from, mid), new Range(items, read, out, mid, to));
        }
    }
}
