package io.cgscope.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The main class of the process {@link ThreadedProcess} starts: a process whose threads a test
 * steers through standard input, one command a line, one answer a line.
 * <pre>
 *   start     ->  started TID   a new thread, named by its kernel thread id
 *   end TID   ->  ended TID     that thread has ended and the kernel has dropped it
 *   exit      ->  (the process exits)
 * </pre>
 * It starts with "ready TID" (the id of the thread that reads the commands, which starts every
 * new thread: a new thread joins the cgroup of the thread that made it), answers "error ..." to
 * what it does not understand, and exits when standard input closes, so it never outlives the
 * test JVM that holds the other end of that pipe.
 */
public final class ThreadHost {
    private static final Duration KERNEL_DROPS_THREAD = Duration.ofSeconds(10);

    private final Map<Integer, Parked> threads = new HashMap<>();

    private ThreadHost() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ThreadHost host = new ThreadHost();
        out.println("ready " + ownThreadId());
        for (String line; (line = in.readLine()) != null; ) {
            if ("exit".equals(line)) {
                break;
            }
            out.println(host.answer(line));
        }
        System.exit(0);
    }

    private String answer(String line) {
        String[] words = line.trim().split(" ");
        try {
            if ("start".equals(words[0]) && words.length == 1) {
                Parked t = Parked.start();
                threads.put(t.tid, t);
                return "started " + t.tid;
            }
            if ("end".equals(words[0]) && words.length == 2) {
                int tid = Integer.parseInt(words[1]);
                Parked t = threads.remove(tid);
                if (t == null) {
                    return "error no thread " + tid + " of mine";
                }
                t.end();
                return "ended " + tid;
            }
            return "error unknown command: " + line;
        } catch (RuntimeException | InterruptedException e) {
            return "error " + e;
        }
    }

    /** The kernel's id of the calling thread: {@code /proc/thread-self} links to {@code PID/task/TID}. */
    static int ownThreadId() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/thread-self", e);
        }
    }

    /** A thread that tells its id and then waits until it is told to end. */
    private static final class Parked {
        private final CompletableFuture<Integer> id = new CompletableFuture<>();
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread = new Thread(this::park, "parked");
        private final int tid;

        private Parked() {
            thread.setDaemon(true);
            thread.start();
            tid = id.join();
        }

        static Parked start() {
            return new Parked();
        }

        private void park() {
            id.complete(ownThreadId());
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Ends the thread and waits until the kernel no longer lists it in /proc/self/task. */
        void end() throws InterruptedException {
            release.countDown();
            thread.join(KERNEL_DROPS_THREAD.toMillis());
            Path task = Path.of("/proc/self/task", Integer.toString(tid));
            long deadline = System.nanoTime() + KERNEL_DROPS_THREAD.toNanos();
            // the Java thread is done; its kernel thread still has to run its exit
            while (Files.exists(task)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("thread " + tid + " still listed after it ended");
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }
}
