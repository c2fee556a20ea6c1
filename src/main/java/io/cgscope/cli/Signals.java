package io.cgscope.cli;

/**
 * SIGINT and SIGTERM as a request to finish: the command closes its engine and the process
 * exits 0, where the JVM's own handling would run shutdown hooks and exit 130 or 143. Nothing is
 * flushed on the way out: each batch was flushed as written, and a write stuck on a full pipe
 * must not hold the exit.
 * sun.misc.Signal is the one way to do that in Java 17 (module jdk.unsupported, exported for
 * this use); where it is refused (e.g. under -Xrs) a shutdown hook still closes the engine.
 */
final class Signals {
    private Signals() {
    }

    /** Installs {@code action} for both signals; the returned Runnable puts the old handlers back. */
    @SuppressWarnings("removal")
    static Runnable onInterruptOrTerminate(Runnable action) {
        try {
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.Signal terminate = new sun.misc.Signal("TERM");
            sun.misc.SignalHandler oldInt = sun.misc.Signal.handle(interrupt, s -> action.run());
            sun.misc.SignalHandler oldTerm = sun.misc.Signal.handle(terminate, s -> action.run());
            return () -> {
                sun.misc.Signal.handle(interrupt, oldInt);
                sun.misc.Signal.handle(terminate, oldTerm);
            };
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Thread hook = new Thread(action, "cgscope-watch-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    // the hook is running: the JVM is on its way out
                }
            };
        }
    }
}
