package io.cgscope.kernel;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The kernel's process events, from the netlink proc connector: every fork, exec and exit of
 * every task on the machine, as it happens. A v1 task exit raises no inotify event, so this is the
 * only word the kernel gives of the moment a cgroup loses its last task.
 *
 * <p>Listening takes a kernel built with CONFIG_PROC_EVENTS ({@code cn_proc} in
 * {@code /proc/net/connector}), the initial network namespace (where the connector lives), and
 * before Linux 6.6 CAP_NET_ADMIN ({@code PROC_CN_MCAST_LISTEN} is refused with EPERM otherwise;
 * since 6.6 any user may listen). One connector is read by one thread; {@link #close()} may come
 * from any thread and ends a {@link #read} within {@link #WAKE_MILLIS}.
 *
 * <p>The messages, in the kernel's layout (host byte order, x86-64 and arm64 alike):
 * <pre>
 *  0  struct nlmsghdr   { u32 nlmsg_len; u16 nlmsg_type; u16 nlmsg_flags; u32 nlmsg_seq; u32 nlmsg_pid; }  16 bytes
 * 16  struct cn_msg     { struct cb_id { u32 idx; u32 val; } id; u32 seq; u32 ack; u16 len; u16 flags; } 20 bytes
 * 36  struct proc_event { u32 what; u32 cpu; u64 timestamp_ns (aligned 8 within the struct); union event_data; }
 *     at 52, event_data:
 *       fork: u32 parent_pid; u32 parent_tgid; u32 child_pid; u32 child_tgid
 *       exec: u32 process_pid; u32 process_tgid
 *       exit: u32 process_pid; u32 process_tgid; u32 exit_code; u32 exit_signal; ...
 * </pre>
 * {@code what} is PROC_EVENT_FORK 0x1, _EXEC 0x2, _EXIT 0x80000000, others for uid, gid, sid,
 * ptrace, comm, coredump changes (include/uapi/linux/cn_proc.h).
 */
public final class ProcConnector implements AutoCloseable {
    /** How long a read waits before it looks whether the connector was closed. */
    static final int WAKE_MILLIS = 200;

    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_CONNECTOR = 11;
    private static final int CN_IDX_PROC = 1;
    private static final int CN_VAL_PROC = 1;
    private static final int NLMSG_DONE = 3;
    private static final int PROC_CN_MCAST_LISTEN = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUF = 8;
    private static final int SO_RCVTIMEO = 20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int ENOBUFS = 105;

    private static final int NLMSG_HEADER = 16;
    private static final int CN_MSG_HEADER = 20;
    private static final int EVENT = NLMSG_HEADER + CN_MSG_HEADER;
    private static final int EVENT_DATA = EVENT + 16;

    private static final int PROC_EVENT_FORK = 0x1;
    private static final int PROC_EVENT_EXEC = 0x2;
    private static final int PROC_EVENT_EXIT = 0x80000000;

    static final class Net {
        static {
            Syscalls.Libc.INSTANCE.getClass(); // the library path first, see Syscalls.Libc
            Native.register(Net.class, "libc.so.6");
        }

        private Net() {
        }

        static native int socket(int domain, int type, int protocol);

        static native int bind(int fd, Pointer address, int length);

        static native long send(int fd, Pointer buf, long length, int flags);

        static native long recv(int fd, Pointer buf, long length, int flags);

        static native int setsockopt(int fd, int level, int name, Pointer value, int length);

        static native int close(int fd);
    }

    private final Memory buffer = new Memory(8192);
    private int fd;
    private boolean closed;
    /**
     * A read is waiting in recv(2): close() must then leave the descriptor to it. Closed under
     * a waiting recv, its number could be reused by a file opened meanwhile, and the recv would
     * read from that.
     */
    private boolean reading;

    private ProcConnector(int fd) {
        this.fd = fd;
    }

    /** Opens the connector and starts listening, with the kernel's default receive buffer. */
    public static ProcConnector open() throws IOException {
        return open(0);
    }

    /**
     * @param receiveBuffer the socket's receive buffer in bytes, 0 for the kernel's default (a
     *                      small one makes a burst of events overflow it: tests of {@code LOST})
     * @throws IOException with a sentence that says what is missing (privilege, kernel support)
     */
    public static ProcConnector open(int receiveBuffer) throws IOException {
        int fd = Net.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
        if (fd < 0) {
            throw failure("cannot open a netlink connector socket", Native.getLastError());
        }
        try {
            if (receiveBuffer > 0) {
                setInt(fd, SO_RCVBUF, receiveBuffer);
            }
            Memory timeout = new Memory(16); // struct timeval { long tv_sec; long tv_usec; }
            timeout.setLong(0, 0);
            timeout.setLong(8, WAKE_MILLIS * 1000L);
            if (Net.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16) != 0) {
                throw failure("cannot set the connector's read timeout", Native.getLastError());
            }
            Memory address = new Memory(12); // struct sockaddr_nl { u16 family; u16 pad; u32 pid; u32 groups; }
            address.clear();
            address.setShort(0, (short) AF_NETLINK);
            address.setInt(8, CN_IDX_PROC);
            if (Net.bind(fd, address, 12) != 0) {
                throw failure("cannot join the kernel's process-event group", Native.getLastError());
            }
            listen(fd);
            return new ProcConnector(fd);
        } catch (IOException | RuntimeException e) {
            Net.close(fd);
            throw e;
        }
    }

    private static void setInt(int fd, int option, int value) throws IOException {
        Memory v = new Memory(4);
        v.setInt(0, value);
        if (Net.setsockopt(fd, SOL_SOCKET, option, v, 4) != 0) {
            throw failure("cannot size the connector's receive buffer", Native.getLastError());
        }
    }

    /**
     * Sends PROC_CN_MCAST_LISTEN and waits for the kernel's answer: from then on it sends every
     * process event. The send itself succeeds whatever the privilege; the answer
     * (PROC_EVENT_NONE with our {@code ack + 1}, and an errno; its sequence number is the
     * kernel's own, seen here) says EPERM without CAP_NET_ADMIN. No answer at all comes when nobody listens (the kernel acknowledges only to
     * listeners): then nothing would come either.
     */
    private static void listen(int fd) throws IOException {
        int length = EVENT + 4;
        int seq = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        int ack = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE - 1);
        Memory m = new Memory(length);
        m.clear();
        m.setInt(0, length);
        m.setShort(4, (short) NLMSG_DONE);
        m.setInt(NLMSG_HEADER, CN_IDX_PROC);
        m.setInt(NLMSG_HEADER + 4, CN_VAL_PROC);
        m.setInt(NLMSG_HEADER + 8, seq);
        m.setInt(NLMSG_HEADER + 12, ack);
        m.setShort(NLMSG_HEADER + 16, (short) 4);
        m.setInt(EVENT, PROC_CN_MCAST_LISTEN);
        if (Net.send(fd, m, length, 0) != length) {
            throw failure("the kernel refused to send process events", Native.getLastError());
        }
        Memory in = new Memory(8192);
        long deadline = System.nanoTime() + ANSWER_NANOS;
        while (System.nanoTime() - deadline < 0) {
            long n = Net.recv(fd, in, in.size(), 0);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno != EAGAIN && errno != EINTR && errno != ENOBUFS) {
                    throw failure("cannot read the kernel's answer", errno);
                }
                continue;
            }
            OptionalInt errno = answer(in, n, ack);
            if (errno.isPresent()) {
                if (errno.getAsInt() != 0) {
                    throw failure("the kernel refused to send process events", errno.getAsInt());
                }
                return;
            }
        }
        throw new IOException("the kernel did not answer the request for process events"
                + " (before Linux 6.6 it takes CAP_NET_ADMIN: start cgscope as root)");
    }

    /**
     * The errno of the kernel's answer to our LISTEN among the {@code n} bytes of a datagram (0:
     * listening), empty when the datagram holds none: the answer is the PROC_EVENT_NONE whose
     * {@code ack} is ours plus one; events of other tasks may come before it.
     */
    static OptionalInt answer(Pointer in, long n, int ack) {
        for (long at = 0; at + EVENT_DATA + 4 <= n; ) {
            Pointer a = in.share(at);
            int len = a.getInt(0);
            if (len < EVENT_DATA + 4 || at + len > n) {
                return OptionalInt.empty();
            }
            if (a.getInt(EVENT) == 0 && a.getInt(NLMSG_HEADER + 12) == ack + 1) {
                return OptionalInt.of(a.getInt(EVENT_DATA));
            }
            at += (len + 3) & ~3;
        }
        return OptionalInt.empty();
    }

    /** How long the kernel's answer to LISTEN is awaited; it comes within a millisecond here. */
    private static final long ANSWER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private static IOException failure(String what, int errno) {
        String why = switch (errno) {
            case 1 -> "it takes CAP_NET_ADMIN on this kernel (start cgscope as root)";
            case 93, 97, 2, 111 -> "no proc connector here (a kernel without CONFIG_PROC_EVENTS, or a network"
                    + " namespace other than the initial one)";
            default -> Syscalls.strerror(errno);
        };
        return new IOException(what + ": " + why + " (errno " + errno + ")");
    }

    /**
     * Waits for the next message and hands its event to {@code sink}: at most {@link #WAKE_MILLIS}
     * when none comes. A {@link ProcEvent.Kind#LOST} event says that events were dropped.
     *
     * @return false once the connector is closed
     * @throws IOException when the socket fails otherwise
     */
    public boolean read(Consumer<ProcEvent> sink) throws IOException {
        int socket;
        synchronized (this) {
            if (closed) {
                return false;
            }
            reading = true;
            socket = fd;
        }
        long n = Net.recv(socket, buffer, buffer.size(), 0);
        int errno = n < 0 ? Native.getLastError() : 0;
        synchronized (this) {
            reading = false;
            if (closed) {
                Net.close(socket);
                return false;
            }
        }
        if (n >= 0) {
            decode(buffer, n, sink);
        } else if (errno == ENOBUFS) {
            sink.accept(ProcEvent.lost());
        } else if (errno != EAGAIN && errno != EINTR) {
            throw failure("cannot read process events", errno);
        }
        return true;
    }

    /** Every netlink message in the datagram: the kernel sends one event a message. */
    static void decode(Pointer buf, long n, Consumer<ProcEvent> sink) {
        long at = 0;
        while (at + EVENT_DATA <= n) {
            Pointer m = buf.share(at);
            int length = m.getInt(0);
            if (length < EVENT_DATA || at + length > n) {
                return; // not a proc event, or cut short: nothing to trust in it
            }
            if (m.getInt(NLMSG_HEADER) == CN_IDX_PROC && m.getInt(NLMSG_HEADER + 4) == CN_VAL_PROC) {
                ProcEvent e = event(m);
                if (e != null) {
                    sink.accept(e);
                }
            }
            at += (length + 3) & ~3; // NLMSG_ALIGN
        }
    }

    private static ProcEvent event(Pointer m) {
        int what = m.getInt(EVENT);
        long time = m.getLong(EVENT + 8);
        int a = m.getInt(EVENT_DATA);
        int b = m.getInt(EVENT_DATA + 4);
        return switch (what) {
            case 0 -> null; // PROC_EVENT_NONE: the kernel's answer to LISTEN
            case PROC_EVENT_FORK -> new ProcEvent(ProcEvent.Kind.FORK, m.getInt(EVENT_DATA + 8),
                    m.getInt(EVENT_DATA + 12), a, b, time);
            case PROC_EVENT_EXEC -> new ProcEvent(ProcEvent.Kind.EXEC, a, b, 0, 0, time);
            case PROC_EVENT_EXIT -> new ProcEvent(ProcEvent.Kind.EXIT, a, b, 0, 0, time);
            default -> new ProcEvent(ProcEvent.Kind.OTHER, a, b, 0, 0, time);
        };
    }

    /** Stops listening; a read in progress returns false within {@link #WAKE_MILLIS}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!reading) {
            Net.close(fd);
        }
    }
}
