package studio.nada.ui;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * How results reach the FX thread: Platform.runLater, timing each handler, so the studio can tell
 * how long its own work held the FX thread (the longest handler so far). It keeps two times:
 * wall time, which a handler waiting on anything (a lock, tensor work) shows, and the FX thread's
 * CPU time, which is the handler's own work alone; on a busy machine the first also counts the
 * moments the OS gave the core to another thread and the JVM's pauses.
 */
public final class FxDispatch implements Executor {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong worstNanos = new AtomicLong();
    private final AtomicLong worstCpuNanos = new AtomicLong();
    private volatile String worstHandler = "none";

    @Override
    public void execute(Runnable work) {
        Platform.runLater(() -> {
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            try {
                work.run();
            } finally {
                long took = System.nanoTime() - t0;
                long cpu = cpuNanos() - cpu0;
                if (took > worstNanos.get()) {
                    worstNanos.set(took);
                    worstHandler = work.getClass().getName();
                }
                if (cpu > worstCpuNanos.get()) {
                    worstCpuNanos.set(cpu);
                }
            }
        });
    }

    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** The longest time one handler held the FX thread, in milliseconds of wall time. */
    public double worstHandlerMillis() {
        return worstNanos.get() / 1e6;
    }

    /** The most CPU time the FX thread spent in one handler, in milliseconds: the handler's own work. */
    public double worstHandlerCpuMillis() {
        return worstCpuNanos.get() / 1e6;
    }

    /** The class of the slowest handler (a lambda's class names the view model that posted it). */
    public String worstHandler() {
        return worstHandler;
    }

    /** Starts the count again. */
    public void reset() {
        worstNanos.set(0);
        worstCpuNanos.set(0);
    }
}
