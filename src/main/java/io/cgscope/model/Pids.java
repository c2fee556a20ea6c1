package io.cgscope.model;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A sorted set of process or thread ids, stored as an int array: 100,000 cgroups must fit in a
 * few hundred megabytes, and boxed lists would not. Immutable, with value equality so that two
 * reads of the same membership compare equal.
 */
public final class Pids {
    public static final Pids EMPTY = new Pids(new int[0]);

    private final int[] sorted;

    private Pids(int[] sorted) {
        this.sorted = sorted;
    }

    /** Takes ownership of {@code ids}: sorts and de-duplicates it in place when needed. */
    public static Pids ofUnsorted(int[] ids, int length) {
        if (length == 0) {
            return EMPTY;
        }
        int[] a = Arrays.copyOf(ids, length);
        Arrays.sort(a);
        int n = 1;
        for (int i = 1; i < a.length; i++) {
            if (a[i] != a[n - 1]) {
                a[n++] = a[i];
            }
        }
        return new Pids(n == a.length ? a : Arrays.copyOf(a, n));
    }

    public static Pids of(int... ids) {
        return ofUnsorted(ids, ids.length);
    }

    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    public int get(int index) {
        return sorted[index];
    }

    public boolean contains(int id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    public int[] toArray() {
        return sorted.clone();
    }

    /** A read-only list view, for callers that want {@code List<Integer>}. */
    public List<Integer> asList() {
        return new IdList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pids other && Arrays.equals(sorted, other.sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }

    private final class IdList extends AbstractList<Integer> implements RandomAccess {
        @Override
        public Integer get(int index) {
            return sorted[index];
        }

        @Override
        public int size() {
            return sorted.length;
        }
    }
}
