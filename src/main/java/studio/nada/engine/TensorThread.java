package studio.nada.engine;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread all tensor work runs on: training steps, previews, slider renders, exports.
 * libtorch's grad mode is per thread and parameters are updated in place, so models are owned by
 * this thread and everything else submits work to it. Preview requests collapse to the newest.
 */
public final class TensorThread implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TensorThread.class);
    private final ExecutorService executor;
    private volatile Thread thread;
    private final AtomicReference<Runnable> latestPreview = new AtomicReference<>();

    public TensorThread(String name) {
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // start it now, so isCurrent() is meaningful at once
        submit(() -> null).join();
    }

    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    public <T> CompletableFuture<T> submit(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /**
     * Runs {@code work} on the tensor thread. Callers that wait on a result catch their own
     * throwables (as {@link #submit} does); one that escapes is logged here, so that an Error
     * never kills the thread: the executor would replace it, and the models' owner (its grad
     * mode, its in-place updates) would silently change.
     */
    public void execute(Runnable work) {
        executor.execute(() -> runGuarded(work));
    }

    private static void runGuarded(Runnable work) {
        try {
            work.run();
        } catch (Throwable t) {
            LOG.error("a task on the tensor thread failed", t);
        }
    }

    /**
     * Queues a render that supersedes any not yet started: dragging a slider queues no backlog,
     * only the newest request runs.
     */
    public void previewNewestWins(Runnable render) {
        if (latestPreview.getAndSet(render) == null) {
            executor.execute(() -> {
                Runnable r = latestPreview.getAndSet(null);
                if (r != null) {
                    runGuarded(r);
                }
            });
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
