package studio.nada.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * How results reach the FX thread: Platform.runLater, timing each handler, so the studio can tell
 * how long its own work held the FX thread (the longest handler so far).
 */
public final class FxDispatch implements Executor {
    private final AtomicLong worstNanos = new AtomicLong();

    @Override
    public void execute(Runnable work) {
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            try {
                work.run();
            } finally {
                worstNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
            }
        });
    }

    /** The longest time one handler held the FX thread, in milliseconds. */
    public double worstHandlerMillis() {
        return worstNanos.get() / 1e6;
    }

    /** Starts the count again. */
    public void reset() {
        worstNanos.set(0);
    }
}
