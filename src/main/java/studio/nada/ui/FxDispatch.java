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
    private volatile String worstHandler = "none";

    @Override
    public void execute(Runnable work) {
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            try {
                work.run();
            } finally {
                long took = System.nanoTime() - t0;
                if (took > worstNanos.get()) {
                    worstNanos.set(took);
                    worstHandler = work.getClass().getName();
                }
            }
        });
    }

    /** The longest time one handler held the FX thread, in milliseconds. */
    public double worstHandlerMillis() {
        return worstNanos.get() / 1e6;
    }

    /** The class of the slowest handler (a lambda's class names the view model that posted it). */
    public String worstHandler() {
        return worstHandler;
    }

    /** Starts the count again. */
    public void reset() {
        worstNanos.set(0);
    }
}
