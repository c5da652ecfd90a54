package studio.nada.engine;

import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's grad mode, switched off for a block: in-place updates of parameters that require
 * gradients (optimizer steps) and no-grad renders must not be recorded, whichever thread runs
 * them (grad mode is per thread, and DJL only turns it off on the engine's first thread).
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;

    private GradMode(boolean enabled) {
        TensorEngine.get();
        this.previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Disables gradient recording until {@link #close()}. */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
