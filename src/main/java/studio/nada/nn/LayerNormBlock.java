package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import java.util.List;

/** LayerNorm over the last dimension (eps 1e-5, as torch.nn.LayerNorm), computed in fp32. */
public final class LayerNormBlock {
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    public LayerNormBlock(NDArray weight, NDArray bias) {
        this(weight, bias, 1e-5f);
    }

    public LayerNormBlock(NDArray weight, NDArray bias, float eps) {
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
    }

    /** The result attaches to {@code x}'s manager, so a step scope collects it. */
    public NDArray forward(NDArray x) {
        return LayerNorm.layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, eps).singletonOrThrow();
    }

    public List<NDArray> parameters() {
        return List.of(weight, bias);
    }
}
