package studio.nada.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A per-step NDManager scope: every tensor a step creates attaches here and is freed on close, so
 * memory stays flat over thousands of steps. Parameters are {@code tempAttach}ed in, so that
 * results computed from them (which attach to their receiver's manager) land in the scope too, and
 * they return to their owner on close.
 */
public final class StepScope implements AutoCloseable {
    private final NDManager manager;
    // an array attached twice would be handed back to this closing scope and freed with it
    private final java.util.Set<NDArray> held =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private StepScope(NDManager manager) {
        this.manager = manager;
    }

    /** Opens a scope under {@code parent} and temporarily attaches {@code params} to it. */
    public static StepScope open(NDManager parent, Iterable<NDArray> params) {
        StepScope scope = new StepScope(parent.newSubManager());
        if (params != null) {
            scope.attach(params);
        }
        return scope;
    }

    public static StepScope open(NDManager parent) {
        return open(parent, null);
    }

    /** Temporarily attaches more arrays (another model's, an optimizer's state); each only once. */
    public StepScope attach(Iterable<NDArray> arrays) {
        for (NDArray a : arrays) {
            if (held.add(a)) {
                a.tempAttach(manager);
            }
        }
        return this;
    }

    public NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        manager.close();
    }
}
