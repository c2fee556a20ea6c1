package io.cgscope.live;

import io.cgscope.host.WatchMode;
import io.cgscope.host.ChangeListener;
import io.cgscope.host.LiveSource;
import io.cgscope.host.WatchProgress;
import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.Target;
import io.cgscope.kernel.TaskCgroups;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeBatch;
import io.cgscope.model.Hierarchy;
import io.cgscope.model.Snapshot;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The live source for the real kernel. One thread ({@value #THREAD_NAME}) owns all state: it
 * takes the inotify events of one WatchService (queued for it by {@link Watches}' drainer, so
 * that a long flush does not overflow the JDK's keys), runs the poll tick, reads what they mark,
 * and hands the resulting changes to the listeners in batches.
 *
 * <p>Delivery is throttled, not debounced: the first change after a quiet spell goes out at once,
 * then at most one batch per {@link #WINDOW}, so a burst of 10,000 mkdirs arrives as a few dozen
 * batches and a steady stream cannot hold delivery back. The state is changed and the batch
 * queued under one write lock, in the same order; each listener takes its batches from its own
 * queue on its own thread ({@link Delivery}), outside the lock, so a listener that blocks (a
 * write to a pipe nobody reads) holds neither the engine nor {@link #close()}. A listener that
 * lets more than {@link #DELIVERY_LIMIT} changes wait loses them and is told
 * ({@link ChangeListener#onOverflow}); {@link #current()} holds every batch delivered, and may be
 * ahead of them by the batches still queued.
 * Cgroups are reported before they are watched, those of the first read as new ones: {@link #start()}
 * returns once they are read, and the registrar threads register them in rounds of
 * {@value #REGISTER_CHUNK} while the engine goes on (so a burst's later mkdirs are not held back);
 * the engine reads each once more when its round ends, which reports what happened in it before
 * its watch, and tells the listeners how far it is ({@link ChangeListener#onWatchProgress}).
 *
 * <p>An unexpected error in the engine's thread is logged with its stack trace and told to the
 * listeners. The first is recovered from by reading every cgroup again; another within
 * {@link #RECOVERY_WINDOW} ends the stream: every hierarchy is stopped and says why. An error
 * that escapes a thread of the engine in any other way ends it too.
 *
 * <p>The poller: inotify reports a task joining a cgroup (a write to that cgroup's
 * {@code cgroup.procs} or {@code tasks}) but not one leaving it (exit, or a move written to
 * another cgroup's file). A cgroup can only lose a task it has, so each tick reads the
 * membership files of the cgroups that hold a task and nothing else: the cost follows the number
 * of occupied cgroups, not the size of the tree.
 */
public final class LiveEngine implements LiveSource {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final String THREAD_NAME = "cgscope-live";
    /** At most one batch per window while changes keep coming. */
    static final Duration WINDOW = Duration.ofMillis(10);
    /** How long one drain of the queued events may take before the engine reads what it has. */
    private static final long DRAIN_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Cgroups registered in one round, at most. */
    static final int REGISTER_CHUNK = 512;
    /** Changes that may wait for one listener before they are dropped (see {@link ChangeListener#onOverflow}). */
    public static final int DELIVERY_LIMIT = 10_000;
    /** After an error recovered by a rescan, another within this time ends the stream. */
    static final Duration RECOVERY_WINDOW = Duration.ofMinutes(1);
    private static final System.Logger LOG = System.getLogger(LiveEngine.class.getName());

    private final List<Target> targets;
    private final int watchLimit;
    private final int eventQueueLimit;
    private final int deliveryLimit;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger deliveryThreads = new AtomicInteger();
    /** Set once start() has made it: deliveries added before wait for it to start their threads. */
    private volatile WorkerThreads threads;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<HierarchyState> states = new ArrayList<>();
    private volatile Duration interval;
    private volatile boolean closed;
    /** Held by {@link #start()} while it reads; {@link #close()} does not wait for it. */
    private final ReentrantLock starting = new ReentrantLock();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile int niceness;
    /** Volatile: {@link #close()} closes it without waiting for a start that is reading. */
    private volatile Watches watches;
    /** The kernel's process events, null when they are not followed (not asked for, no privilege). */
    private volatile TaskEvents taskEvents;
    private volatile boolean followTaskEvents = true;
    /** The process events' socket buffer in bytes; 0, the kernel's default. */
    private volatile int taskEventsBuffer;
    /** The release-agent recorder's log, followed; null when it cannot be. */
    private volatile AgentCallTail agentCalls;
    /** Reads and registers large levels of new cgroups side by side (a 10,000-mkdir burst). */
    private ForkJoinPool readers;
    /** Register new cgroups side by side, so the JDK's poller takes several requests per wake-up. */
    private ExecutorService registrars;
    private volatile Thread thread;
    private volatile long overflows;
    private volatile long batches;
    /** Set once the stream ended on an error: nothing more is delivered. */
    private final AtomicBoolean failed = new AtomicBoolean();
    /** When the last error was recovered from by a rescan; 0: none yet. */
    private long lastRecovery;
    /** Runs at each tick, under the lock, before the hierarchies' own: where tests put a fault. */
    volatile Runnable tickHook = () -> { };
    /** While set, no round of registrations starts: tests hold cgroups unwatched with it. */
    private volatile boolean registrationsPaused;
    /** How far the registration is, as last told (see {@link #publishProgress}). */
    private volatile WatchProgress progress = WatchProgress.NONE;
    private long progressToldAt;
    /** The listeners are told at most this often while the registration runs, and once when it is done. */
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    public LiveEngine(List<Target> targets) {
        this(targets, DEFAULT_INTERVAL);
    }

    public LiveEngine(List<Target> targets, Duration interval) {
        this(targets, interval, Integer.MAX_VALUE);
    }

    /**
     * @param watchLimit at most this many directories watched at once; tests set it low to drive
     *                   the engine into polling mode as a full inotify table would
     */
    LiveEngine(List<Target> targets, Duration interval, int watchLimit) {
        this(targets, interval, watchLimit, Watches.QUEUE_LIMIT);
    }

    /**
     * @param eventQueueLimit at most this many keys' events taken off the WatchService and not yet
     *                        read by the engine; tests set it low to let the JDK's OVERFLOW happen
     */
    LiveEngine(List<Target> targets, Duration interval, int watchLimit, int eventQueueLimit) {
        this(targets, interval, watchLimit, eventQueueLimit, DELIVERY_LIMIT);
    }

    /** @param deliveryLimit changes that may wait for one listener; tests set it low to see an overflow */
    LiveEngine(List<Target> targets, Duration interval, int watchLimit, int eventQueueLimit, int deliveryLimit) {
        this.targets = List.copyOf(targets);
        this.interval = checked(interval);
        this.watchLimit = watchLimit;
        this.eventQueueLimit = eventQueueLimit;
        this.deliveryLimit = deliveryLimit;
    }

    /**
     * Runs the engine's threads at this nice value once {@link #start()} has read and watched
     * every cgroup: a window gives the threads that paint it the cores first, so a burst of
     * kernel changes cannot hold up its frames, while its first read, which the window waits
     * for, runs at full speed. The default, 0, is the priority of the rest of the program.
     */
    public LiveEngine withNiceness(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a nice value from 0 to 19, not " + niceness);
        }
        this.niceness = niceness;
        return this;
    }

    /**
     * Whether task exits and births are learnt from the kernel's process events as they happen
     * (the default, where the privilege allows it), or only from the poller: tests and the
     * benchmark measure the poller alone with false.
     */
    public LiveEngine withTaskEvents(boolean follow) {
        this.followTaskEvents = follow;
        return this;
    }

    /**
     * @param bytes the receive buffer of the process events' socket; tests make it small, so that
     *              a fork storm overflows it and the kernel drops events (ENOBUFS)
     */
    LiveEngine withTaskEventsBuffer(int bytes) {
        this.taskEventsBuffer = bytes;
        return this;
    }

    @Override
    public void addListener(ChangeListener listener) {
        Delivery d = new Delivery(Objects.requireNonNull(listener), deliveryLimit);
        deliveries.add(d);
        WorkerThreads t = threads;
        if (t != null && !closed) {
            startDelivery(d, t);
        }
    }

    private void startDelivery(Delivery d, WorkerThreads t) {
        d.start(t, "-deliver-" + deliveryThreads.getAndIncrement());
    }

    @Override
    public void removeListener(ChangeListener listener) {
        for (Delivery d : deliveries) {
            if (d.listener() == listener) {
                deliveries.remove(d);
                d.close();
                return;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws CancellationException when {@link #close()} ran while this start was reading
     */
    @Override
    public List<Snapshot> start() throws IOException {
        if (closed) {
            throw new IllegalStateException("this engine was closed; make a new one");
        }
        starting.lock();
        try {
            return startReading();
        } catch (IOException | RuntimeException e) {
            if (closed) {
                throw e instanceof CancellationException c ? c : cancelled(e);
            }
            throw e;
        } finally {
            starting.unlock();
            if (closed) {
                // close() came while this start held the lock, and left the stopping to it
                stop();
            }
        }
    }

    private List<Snapshot> startReading() throws IOException {
        if (thread != null) {
            return current();
        }
        WorkerThreads threads = new WorkerThreads(THREAD_NAME, niceness, (t, e) -> failStream(e));
        watches = new Watches(FileSystems.getDefault().newWatchService(), watchLimit, eventQueueLimit, threads);
        readers = threads.newPool("-reader-", Runtime.getRuntime().availableProcessors());
        AtomicInteger registrar = new AtomicInteger();
        registrars = Executors.newFixedThreadPool(DeferredWatches.REGISTRARS,
                r -> threads.newThread("-watch-" + registrar.getAndIncrement(), r));
        TaskSource taskSource = openTaskEvents(threads);
        openAgentCalls(threads);
        try {
            lock.writeLock().lock();
            try {
                for (Target t : targets) {
                    // After the watch service is set, so a close() now either closes it or is seen here.
                    if (closed) {
                        throw cancelled(null);
                    }
                    HierarchyState s = new HierarchyState(t, watches, readers, taskSource);
                    s.initialRead();
                    states.add(s);
                }
            } finally {
                lock.writeLock().unlock();
            }
        } catch (IOException | RuntimeException e) {
            watches.close();
            closeTaskEvents();
            closeAgentCalls();
            readers.shutdownNow();
            registrars.shutdownNow();
            states.clear();
            throw e;
        }
        // Taken before the thread runs: the first batch starts exactly from these.
        List<Snapshot> initial = current();
        progress = sumOfProgress();
        this.threads = threads;
        for (Delivery d : deliveries) {
            startDelivery(d, threads); // started once: a second call finds its thread
        }
        thread = threads.newThread("", this::run);
        thread.start();
        threads.lowerPriority();
        return initial;
    }

    /**
     * Starts listening to the kernel's process events before the first read, so that no exit is
     * missed between that read and the loop (one that comes before costs a read of nothing new).
     */
    private TaskSource openTaskEvents(WorkerThreads threads) {
        if (!followTaskEvents) {
            return new TaskSource("process events not followed");
        }
        try {
            taskEvents = TaskEvents.start(watches::wake, threads, taskEventsBuffer);
            return TaskSource.KERNEL;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "task changes are polled: " + e.getMessage());
            return new TaskSource("no process events: " + e.getMessage());
        }
    }

    private void closeTaskEvents() {
        TaskEvents events = taskEvents;
        if (events != null) {
            events.close();
        }
    }

    private static CancellationException cancelled(Exception cause) {
        CancellationException e = new CancellationException("closed while it read the cgroups");
        e.initCause(cause);
        return e;
    }

    /** One snapshot per watched hierarchy; a hierarchy that stopped (unmounted, removed) is left out. */
    @Override
    public List<Snapshot> current() {
        lock.readLock().lock();
        try {
            List<Snapshot> result = new ArrayList<>(states.size());
            for (HierarchyState s : states) {
                Snapshot snap = s.snapshot();
                if (snap != null) {
                    result.add(snap);
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<Hierarchy, WatchMode> modes() {
        lock.readLock().lock();
        try {
            Map<Hierarchy, WatchMode> m = new LinkedHashMap<>();
            for (HierarchyState s : states) {
                m.put(s.hierarchy(), s.mode());
            }
            return m;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void setPollInterval(Duration interval) {
        this.interval = checked(interval);
    }

    @Override
    public Duration pollInterval() {
        return interval;
    }

    @Override
    public WatchProgress watchProgress() {
        return progress;
    }

    /**
     * Holds every cgroup not yet registered without a watch, or lets the registration go on: for
     * tests that change the tree while its cgroups are still unwatched, without depending on how
     * fast the registration is.
     */
    void pauseRegistrations(boolean paused) {
        registrationsPaused = paused;
        Watches w = watches;
        if (w != null) {
            w.wake();
        }
    }

    /** OVERFLOW events seen so far (each one has its directory read again). */
    public long overflows() {
        return overflows;
    }

    /** Batches handed to the listeners' queues so far. */
    public long batches() {
        return batches;
    }

    /**
     * How many times the kernel said it dropped process events, its socket's buffer full (each
     * time every occupied cgroup is read again); 0 without process events.
     */
    public long lostTaskEvents() {
        TaskEvents events = taskEvents;
        return events == null ? 0 : events.kernelDrops();
    }

    /** Directories read again because their events overflowed (OVERFLOW recovery). */
    public int overflowRereads() {
        lock.readLock().lock();
        try {
            return states.stream().mapToInt(HierarchyState::overflowRereads).sum();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Stops every thread the engine started. A start that is still reading (seconds at 100,000
     * cgroups, or held up by a file) is not waited for: its watch service is closed, so its next
     * registration fails, and it stops the rest itself as it ends: a program that closes its
     * source during the first read (a window closed early) can end at once.
     */
    @Override
    public void close() {
        closed = true;
        Watches w = watches;
        if (w != null) {
            w.close();
        }
        if (starting.tryLock()) {
            try {
                stop();
            } finally {
                starting.unlock();
            }
        }
    }

    /** The stopping itself, once, by close() or by the start that close() found busy. */
    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        Watches w = watches;
        if (w != null) {
            w.close();
        }
        closeTaskEvents();
        closeAgentCalls();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deliveries.forEach(Delivery::close);
        for (ExecutorService pool : new ExecutorService[] {readers, registrars}) {
            if (pool != null) {
                pool.shutdown();
                try {
                    pool.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        lock.writeLock().lock();
        try {
            if (!failed.get()) {
                states.forEach(s -> s.closed("closed"));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Duration checked(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, not " + d);
        }
        return d;
    }

    // ---- the engine's thread ----

    private void run() {
        try {
            loop();
        } catch (InterruptedException | RuntimeException | Error e) {
            // close() ends the loop by an interrupt or the closed watch service; anything else
            // (or these without a close) ends the stream, visibly
            if (!closed) {
                failStream(e);
            }
        }
    }

    private void loop() throws InterruptedException {
        long window = WINDOW.toNanos();
        long nextTick = System.nanoTime() + interval.toNanos();
        long lastFlush = System.nanoTime() - window;
        while (!closed && !failed.get()) {
            long now = System.nanoTime();
            try {
                if (now - nextTick >= 0) {
                    nextTick = now + interval.toNanos();
                    tick();
                }
                // The window throttles batches: a flush that found nothing to tell (the read
                // after a new cgroup's watch, mostly) does not hold the next change back.
                if (now - (lastFlush + window) >= 0 && anyDirty() && flush()) {
                    lastFlush = System.nanoTime();
                }
            } catch (ClosedWatchServiceException e) {
                throw e;
            } catch (RuntimeException e) {
                recover(e);
            }
            long due = nextTick;
            if (anyDirty() && lastFlush + window - due < 0) {
                due = lastFlush + window;
            }
            // A round that runs wakes the engine when it ends; one that may start comes back soon.
            if (anyRegistrationDue() && lastFlush + window - due < 0) {
                due = lastFlush + window;
            }
            long wait = due - System.nanoTime();
            Watches.Polled p = wait > 0 ? watches.poll(wait) : watches.pollNow();
            long drainEnd = System.nanoTime() + DRAIN_NANOS;
            try {
                while (p != null) {
                    absorb(p);
                    p = System.nanoTime() - drainEnd < 0 ? watches.pollNow() : null;
                }
                // After the drain, so that the events waiting to be read count against it.
                registerSome();
                followTasks();
                publishProgress();
                followAgentCalls();
            } catch (ClosedWatchServiceException e) {
                throw e;
            } catch (RuntimeException e) {
                recover(e);
            }
        }
    }

    /**
     * An unexpected error on the engine's thread: the first is recovered from by reading every
     * cgroup again, which leaves no hierarchy half-known; another within {@link #RECOVERY_WINDOW}
     * (a defect that comes back, which rescans every second would only hide) ends the stream.
     * Either way the listeners hear of it.
     */
    private void recover(RuntimeException e) {
        if (closed) {
            return; // an interrupted read during close(): nobody listens any more
        }
        long now = System.nanoTime();
        if (lastRecovery != 0 && now - lastRecovery < RECOVERY_WINDOW.toNanos()) {
            failStream(e);
            return;
        }
        lastRecovery = now;
        LOG.log(System.Logger.Level.WARNING, "the live engine recovers from an error by reading every cgroup again", e);
        requestFullRescan();
        deliveries.forEach(d -> d.fail(e, false));
    }

    /**
     * Ends the stream on an error, from whichever engine thread met it: logged with its stack
     * trace, every hierarchy stopped with the error as its reason, the listeners told. The last
     * state stays readable through {@link #current()}; {@link #close()} still frees the rest.
     */
    private void failStream(Throwable e) {
        if (closed || !failed.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "live updates stopped on an unexpected error", e);
        Watches w = watches;
        if (w != null) {
            w.close();
        }
        String why = "live updates stopped on an error: " + e;
        try {
            // Bounded: an error on a reader thread may come while the engine's thread holds the
            // lock and waits for that reader; it then ends by the closed watch service.
            if (lock.writeLock().tryLock(1, TimeUnit.SECONDS)) {
                try {
                    states.forEach(s -> s.closed(why));
                } finally {
                    lock.writeLock().unlock();
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        deliveries.forEach(d -> d.fail(e, true));
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    private void requestFullRescan() {
        lock.writeLock().lock();
        try {
            states.forEach(HierarchyState::requestFullRescan);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean anyRegistrationDue() {
        if (registrationsPaused) {
            return false;
        }
        long now = System.nanoTime();
        for (HierarchyState s : states) {
            if (s.registrationDue(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the keys of the rounds of registrations that ended (each of their cgroups is read
     * once more at the next flush) and starts the next rounds. The registrations run on the
     * registrar threads; the last thread of a round wakes the engine.
     */
    private void registerSome() {
        if (!anyRegistrationDue()) {
            return;
        }
        long now = System.nanoTime();
        lock.writeLock().lock();
        try {
            for (HierarchyState s : states) {
                if (s.registrationDue(now)) {
                    s.registerSome(now, REGISTER_CHUNK, registrars, watches::wake);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private WatchProgress sumOfProgress() {
        WatchProgress sum = WatchProgress.NONE;
        for (HierarchyState s : states) {
            sum = sum.plus(s.watchProgress());
        }
        return sum;
    }

    /**
     * Tells the listeners how far the registration is: at most every {@link #PROGRESS_EVERY_NANOS}
     * while it runs, and at once when it starts again or is done. On the engine's thread, outside the lock.
     */
    private void publishProgress() {
        WatchProgress now = sumOfProgress();
        WatchProgress told = progress;
        if (now.equals(told)) {
            return;
        }
        long t = System.nanoTime();
        if (now.done() != told.done() || t - progressToldAt >= PROGRESS_EVERY_NANOS) {
            progress = now;
            progressToldAt = t;
            for (Delivery d : deliveries) {
                d.progress(now);
            }
        }
    }

    private boolean anyDirty() {
        for (HierarchyState s : states) {
            if (s.dirty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The kernel's process events since the last look: an exit makes the cgroups that listed the
     * task read again, a fork those of its parent (where the child is born), an exec the cgroups
     * the task is in now (from its /proc file: it may have moved itself since it was born), a lost
     * stretch every occupied cgroup. The hierarchy root is left to the poller: every process of
     * the machine not placed elsewhere is there, and reading its lists at each of their forks and
     * exits would cost far more than it tells.
     */
    private void followTasks() {
        TaskEvents events = taskEvents;
        if (events == null) {
            return;
        }
        events.drain(e -> {
            switch (e.kind()) {
                case EXIT -> states.forEach(s -> s.taskGone(e.pid(), e.tgid()));
                // the kernel names a new thread's process's parent as its parent, not the thread
                // that made it: a thread's creator is one of its own process's threads
                case FORK -> states.forEach(s -> s.taskForked(e.pid() != e.tgid() ? e.tgid() : e.parentTgid()));
                case EXEC -> {
                    Map<Hierarchy, String> where = TaskCgroups.of(e.tgid(), e.pid(), hierarchies());
                    for (HierarchyState s : states) {
                        String path = where.get(s.hierarchy());
                        if (path != null) {
                            s.taskIn(path);
                        }
                    }
                }
                case LOST -> states.forEach(HierarchyState::taskEventsLost);
                default -> { }
            }
        });
    }

    // ---- the kernel's own calls of the release agent, as the recorder logs them

    private void openAgentCalls(WorkerThreads threads) {
        try {
            agentCalls = AgentCallTail.start(RecorderFiles.configured(), watches::wake, threads);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "the release agent's log is not followed: " + e.getMessage());
        }
    }

    private void closeAgentCalls() {
        AgentCallTail tail = agentCalls;
        if (tail != null) {
            tail.close();
        }
    }

    /** The calls logged since the last look, told in a batch of their own. */
    private void followAgentCalls() {
        AgentCallTail tail = agentCalls;
        if (tail == null) {
            return;
        }
        List<Change> calls = tail.changes(targets);
        if (!calls.isEmpty()) {
            lock.writeLock().lock();
            try {
                queue(new ChangeBatch(calls));
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private List<Hierarchy> hierarchies() {
        List<Hierarchy> all = new ArrayList<>(states.size());
        states.forEach(s -> all.add(s.hierarchy()));
        return all;
    }

    private void absorb(Watches.Polled p) {
        if (p == Watches.WAKE) {
            return; // what woke the loop is taken after the drain
        }
        WatchKey key = p.key();
        Watches.Watched w = watches.lookup(key);
        if (w == null) {
            return; // cancelled: its cgroup was removed
        }
        for (WatchEvent<?> e : p.events()) {
            if (e.kind() == StandardWatchEventKinds.OVERFLOW) {
                overflows++;
                w.sink().markOverflow(w.path());
            } else if (e.kind() != StandardWatchEventKinds.ENTRY_MODIFY && e.context() != null) {
                w.sink().markEntry(key, w.path(), e.context().toString());
            } else {
                w.sink().markReread(w.path());
            }
        }
        if (!p.valid()) {
            // The kernel dropped the watch: the directory was removed or its hierarchy unmounted.
            watches.forget(key);
            w.sink().markReread(w.path());
        }
    }

    private void tick() {
        lock.writeLock().lock();
        try {
            tickHook.run();
            states.forEach(HierarchyState::tick);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** @return whether a batch was queued for the listeners */
    private boolean flush() {
        List<Change> changes = new ArrayList<>();
        List<RuntimeException> errors = new ArrayList<>();
        lock.writeLock().lock();
        try {
            Instant now = Instant.now();
            for (HierarchyState s : states) {
                if (!s.dirty()) {
                    continue;
                }
                try {
                    s.flush(now, changes);
                } catch (ClosedWatchServiceException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // Never leave a hierarchy half-known: read it all again at the next flush.
                    LOG.log(System.Logger.Level.WARNING, s.hierarchy().label() + ": rescanning after an error", e);
                    s.requestFullRescan();
                    errors.add(e);
                }
            }
            if (!changes.isEmpty()) {
                queue(new ChangeBatch(changes));
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (!errors.isEmpty()) {
            recover(errors.get(0));
        }
        return !changes.isEmpty();
    }

    /** Under the write lock, so that batches are queued in the order the state changed. */
    private void queue(ChangeBatch batch) {
        if (closed || failed.get()) {
            // close() interrupts this thread, and an interrupted read of a file (FileChannel)
            // answers "unknown": a batch made from it must not reach anyone.
            return;
        }
        batches++;
        for (Delivery d : deliveries) {
            d.offer(batch);
        }
    }
}
