package studio.nada.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;

/**
 * Runs one block of a forward pass in its own sub-scope and keeps only its output. DJL keeps
 * every intermediate alive until its manager closes, unlike PyTorch, which frees a temporary as
 * soon as nothing needs it; without this a 256 px NADA step held all activations of both
 * generators at once (16 GB). Closing the handles early is safe for autograd: the graph keeps its
 * own references to what backward needs.
 */
public final class Scopes {
    private Scopes() {}

    /**
     * Evaluates {@code block} with {@code arrays} (its inputs and parameters: what results attach
     * to) temporarily attached to a fresh sub-scope of {@code owner}; the result moves to
     * {@code owner}, everything else the block made is closed.
     */
    public static NDArray nested(NDManager owner, Iterable<NDArray> arrays, Supplier<NDArray> block) {
        try (StepScope sub = StepScope.open(owner, arrays)) {
            NDArray out = block.get();
            out.attach(owner);
            return out;
        }
    }
}
