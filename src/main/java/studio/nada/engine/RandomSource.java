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

    /** Draws from the engine's own generator (seed it with {@link TensorEngine#seed}). */
    static RandomSource engine() {
        return (manager, shape) -> manager.randomNormal(shape);
    }
}
