package studio.nada.ui;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how long the FX thread is blocked: every 5 ms a task is posted with Platform.runLater
 * and the delay until it runs is recorded; the worst delay bounds the longest block, the
 * second-worst the blocks that come back.
 */
final class FxPulseMonitor implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-pulse-monitor");
        t.setDaemon(true);
        return t;
    });
    /** The two longest delays, longest first (guarded by this). */
    private final long[] worstTwo = new long[2];
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean ignoring;
    private volatile boolean running = true;
    private volatile Thread fxThread;
    private volatile long lastRun = System.nanoTime();
    private final java.util.Map<String, Long> blockers = new java.util.concurrent.ConcurrentHashMap<>();

    FxPulseMonitor start() {
        timer.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Thread fx = fxThread;
            if (fx != null && !ignoring && running && posted - lastRun > 40_000_000L) {
                // the FX thread is busy: note where (the longest-seen gap per place)
                StringBuilder where = new StringBuilder();
                for (StackTraceElement e : fx.getStackTrace()) {
                    if (where.length() > 1500) {
                        break;
                    }
                    where.append("\n    ").append(e);
                }
                blockers.merge(where.toString(), (posted - lastRun) / 1_000_000, Math::max);
            }
            Platform.runLater(() -> {
                fxThread = Thread.currentThread();
                lastRun = System.nanoTime();
                if (!ignoring && running) {
                    record(System.nanoTime() - posted);
                    samples.incrementAndGet();
                }
            });
        }, 0, 5, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Counts only while {@code active} (set on the FX thread): the bound is for a run, not for a
     * notification popping up or a window opening, which build their controls once.
     */
    void runActive(boolean active) {
        running = active;
    }

    /** Stops counting while the test itself holds the FX thread (a window snapshot). */
    void ignore() {
        ignoring = true;
    }

    /** Counts again, from the pulses posted after every one queued while ignoring has run. */
    void count() {
        Platform.runLater(() -> ignoring = false);
    }

    /** Where the FX thread was while it was late, with the longest gap seen there (ms). */
    String blockers() {
        StringBuilder out = new StringBuilder();
        blockers.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(4)
                .forEach(e -> out.append("\n  ").append(e.getValue()).append(" ms at").append(e.getKey()));
        return out.toString();
    }

    private synchronized void record(long nanos) {
        if (nanos > worstTwo[0]) {
            worstTwo[1] = worstTwo[0];
            worstTwo[0] = nanos;
        } else if (nanos > worstTwo[1]) {
            worstTwo[1] = nanos;
        }
    }

    synchronized double worstMillis() {
        return worstTwo[0] / 1e6;
    }

    /** The second-longest delay: a block that happened twice, where the longest may be one OS hiccup. */
    synchronized double secondWorstMillis() {
        return worstTwo[1] / 1e6;
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
