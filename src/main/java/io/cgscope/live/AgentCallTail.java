package io.cgscope.live;

import io.cgscope.kernel.RecorderFiles;
import io.cgscope.kernel.Target;
import io.cgscope.model.AgentCall;
import io.cgscope.model.AgentLog;
import io.cgscope.model.Change;
import io.cgscope.model.ChangeKind;
import io.cgscope.model.Paths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The release-agent recorder's log, followed as it grows: a thread of its own watches the log's
 * directory (a WatchService: the recorder's appends are IN_MODIFY there), reads the records added
 * since the last look ({@link AgentLog}) and wakes the engine, which takes them on its own thread
 * ({@link #changes}). Only calls logged after the start are told. A rotation (the log renamed to
 * {@code .1} and begun again) is followed: the renamed file is read to its end before the new
 * one. A directory that is missing now is looked for again each second, so a recorder installed
 * later is heard too.
 */
final class AgentCallTail implements AutoCloseable {
    private static final long RECHECK_SECONDS = 1;
    private static final System.Logger LOG = System.getLogger(AgentCallTail.class.getName());

    private final RecorderFiles files;
    private final Runnable wake;
    private final WatchService service;
    private final Queue<AgentCall> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile boolean closed;
    private WatchKey key;
    private LogFile current;
    /** The file just rotated away: read once more, for a call that opened it before the rename. */
    private LogFile rotated;

    private AgentCallTail(RecorderFiles files, Runnable wake, WatchService service) {
        this.files = files;
        this.wake = wake;
        this.service = service;
    }

    /** Starts following the log from its end as it is now. */
    static AgentCallTail start(RecorderFiles files, Runnable wake, WorkerThreads threads) throws IOException {
        AgentCallTail tail = new AgentCallTail(files, wake, FileSystems.getDefault().newWatchService());
        tail.current = LogFile.atEnd(files.log());
        threads.newThread("-agent-calls", tail::run).start();
        return tail;
    }

    private void run() {
        try {
            while (!closed) {
                if (key == null) {
                    watchDirectory();
                }
                WatchKey k = service.poll(RECHECK_SECONDS, TimeUnit.SECONDS);
                if (k != null) {
                    k.pollEvents();
                    if (!k.reset()) {
                        key = null; // the directory was removed
                    }
                }
                readNew();
                if (!waiting.isEmpty() && !woken.getAndSet(true)) {
                    wake.run();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "the release agent's log is no longer followed", e);
        }
    }

    private void watchDirectory() throws IOException {
        Path dir = files.logDirectory();
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
    }

    /** Reads what was appended, following a rotation or a log that appeared. */
    private void readNew() throws IOException {
        if (rotated != null) {
            rotated.read(waiting);
            rotated.close();
            rotated = null;
        }
        Object now = fileKey(files.log());
        if (current != null) {
            current.read(waiting);
            if (now != null && !now.equals(current.key)) {
                rotated = current;
                current = null;
            }
        }
        if (current == null && now != null) {
            current = LogFile.fromStart(files.log());
            if (current != null) {
                current.read(waiting);
            }
        }
    }

    /**
     * The calls logged since the last look, as changes of the targets they belong to; calls of
     * other hierarchies, and of cgroups outside a watched subtree, are left out.
     */
    List<Change> changes(List<Target> targets) {
        woken.set(false);
        List<Change> out = new ArrayList<>();
        AgentCall c;
        while ((c = waiting.poll()) != null) {
            for (Target t : targets) {
                if (t.hierarchy().device().equals(c.hierarchy()) && Paths.isWithin(c.path(), t.cgroupPath())) {
                    Instant time = c.time() != null ? c.time() : Instant.now();
                    out.add(new Change(time, ChangeKind.AGENT_CALLED, t.hierarchy(), c.path(), Set.of(), null, null));
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // closing: nothing more is read either way
        }
    }

    private static Object fileKey(Path log) {
        try {
            return Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** One log file open for reading, where reading got to, and the start of a record not yet whole. */
    private static final class LogFile {
        private final FileChannel channel;
        private final Object key;
        private byte[] pending = new byte[0];

        private LogFile(FileChannel channel, Object key) {
            this.channel = channel;
            this.key = key;
        }

        static LogFile atEnd(Path log) throws IOException {
            LogFile f = fromStart(log);
            if (f != null) {
                f.channel.position(f.channel.size());
            }
            return f;
        }

        static LogFile fromStart(Path log) throws IOException {
            Object key = fileKey(log);
            try {
                return key == null ? null : new LogFile(FileChannel.open(log, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS), key);
            } catch (NoSuchFileException e) {
                return null;
            }
        }

        void read(Queue<AgentCall> into) throws IOException {
            long size = channel.size();
            if (size < channel.position()) {
                channel.position(0); // emptied by hand: start again
                pending = new byte[0];
            }
            int n = (int) Math.min(Integer.MAX_VALUE - 16, size - channel.position());
            if (n <= 0) {
                return;
            }
            byte[] buf = Arrays.copyOf(pending, pending.length + n);
            ByteBuffer b = ByteBuffer.wrap(buf, pending.length, n);
            while (b.hasRemaining() && channel.read(b) > 0) {
                // until the size seen above
            }
            AgentLog.Parsed p = AgentLog.parse(buf, 0, b.position());
            into.addAll(p.calls());
            pending = Arrays.copyOfRange(buf, p.next(), b.position());
        }

        void close() throws IOException {
            channel.close();
        }
    }
}
