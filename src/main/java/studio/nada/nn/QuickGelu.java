package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** CLIP's GELU approximation, x * sigmoid(1.702 x): OpenAI trained with it, so exact GELU would drift. */
public final class QuickGelu {
    private QuickGelu() {}

    public static NDArray forward(NDArray x) {
        return x.mul(Activation.sigmoid(Ops.mul(x, 1.702)));
    }
}
