package io.cgscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** CPU time of this whole JVM while nothing is asked of it, from the kernel's count. */
final class IdleCpu {
    private IdleCpu() {
    }

    /** The whole JVM's share of a core, and the threads that took most of it. */
    record Measured(double percent, String busiest) {
        @Override
        public String toString() {
            return String.format("%.2f%% of a core (busiest threads: %s)", percent, busiest);
        }
    }

    /** Settles 3 s (the JIT, the first ticks), then measures {@code span}. */
    static Measured measure(Duration span) throws IOException {
        LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, Long> before = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            before.put(id, threads.getThreadCpuTime(id));
        }
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        LockSupport.parkNanos(span.toNanos());
        long wall = System.nanoTime() - wall0;
        double percent = 100.0 * (processCpuNanos() - cpu0) / wall;
        java.util.List<String> busiest = new java.util.ArrayList<>();
        java.util.Map<String, Long> used = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            long now = threads.getThreadCpuTime(id);
            if (info != null && now > 0) {
                used.put(info.getThreadName(), now - before.getOrDefault(id, 0L));
            }
        }
        used.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                .forEach(e -> busiest.add(String.format("%s %.2f%%", e.getKey(), 100.0 * e.getValue() / wall)));
        return new Measured(percent, String.join(", ", busiest));
    }

    /** utime + stime of this process from /proc/self/stat, in nanoseconds (clock ticks of 10 ms). */
    static long processCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * 10_000_000L;
    }
}
