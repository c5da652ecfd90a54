package studio.nada.ui.service;

import java.util.concurrent.CompletableFuture;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;

/**
 * Loads model sets on the tensor thread and keeps the current one. A set that fails to load
 * leaves the previous one in place; the future completes exceptionally with a message that names
 * the file. Each set sets the tensor thread's compute threads for its generator's size.
 */
public final class ModelService {
    private final TensorThread thread;
    private volatile LoadedModels current;

    public ModelService(TensorThread thread) {
        this.thread = thread;
    }

    /** Loads {@code set}; {@code beforeSwap} runs on the tensor thread just before the old set is freed. */
    CompletableFuture<ModelSet> load(ModelSet set, Runnable beforeSwap) {
        return thread.submit(() -> {
            LoadedModels fresh = LoadedModels.load(set);
            beforeSwap.run();
            LoadedModels old = current;
            current = fresh;
            if (old != null) {
                old.close();
            }
            // a 64 px generator's operators are too small to share between threads; larger ones
            // take every core but the one kept for the window
            TensorEngine.useComputeThreads(TensorEngine.computeThreadsFor(fresh.frozen.config().size(),
                    TensorEngine.coresBesidesOne()));
            return set;
        });
    }

    /** The loaded set (tensor thread), or null. */
    LoadedModels current() {
        return current;
    }

    /** The loaded set's description, from any thread; null before the first load. */
    public ModelSet currentSet() {
        LoadedModels m = current;
        return m == null ? null : m.set;
    }

    /** The loaded generator's latent_avg (for truncation and exports), or null. */
    studio.nada.weights.TensorData currentLatentAvg() {
        LoadedModels m = current;
        return m == null ? null : m.latentAvg;
    }

    /** Frees the models (tensor thread). */
    public CompletableFuture<Void> close() {
        return thread.submit(() -> {
            if (current != null) {
                current.close();
                current = null;
            }
            return null;
        });
    }
}
