package studio.nada.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Every random draw of a run (z, probe z, noise maps) goes through one source, so a test can
 * replace it with the draws the reference recorded.
 */
public interface RandomSource {
    /** A standard normal tensor of the given shape, on the manager's device. */
    NDArray normal(NDManager manager, Shape shape);

    /**
     * Restarts the stream for a step, so a resumed run draws what an uninterrupted one would
     * (recorded sources ignore it).
     */
    default void reseed(long seed) {}

    /** Draws from the engine's own generator (seed it with {@link TensorEngine#seed}). */
    static RandomSource engine() {
        return new RandomSource() {
            @Override
            public NDArray normal(NDManager manager, Shape shape) {
                return manager.randomNormal(shape);
            }

            @Override
            public void reseed(long seed) {
                TensorEngine.seed(Long.hashCode(seed * 0x9E3779B97F4A7C15L));
            }
        };
    }
}
