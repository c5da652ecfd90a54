package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.nada.nn.EqualLinear;
import studio.nada.nn.Ops;
import studio.nada.nn.ParameterStore;

/** rosinality's {@code style}: PixelNorm, then n_mlp EqualLinear layers (lr_mul 0.01, leaky ReLU). */
public final class MappingNetwork {
    private final List<EqualLinear> layers = new ArrayList<>();

    MappingNetwork(ParameterStore params, GeneratorConfig config) {
        for (int i = 1; i <= config.nMlp(); i++) {
            layers.add(new EqualLinear(params, "style." + i, config.styleDim(), config.styleDim(), config.lrMlp(), true));
        }
    }

    /** z [N, style_dim] to w [N, style_dim]. */
    public NDArray forward(NDArray z) {
        NDArray x = pixelNorm(z);
        for (EqualLinear layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    /** z · rsqrt(mean(z², dim 1) + 1e-8). */
    static NDArray pixelNorm(NDArray z) {
        return z.mul(Ops.rsqrt(Ops.add(z.square().mean(new int[] {1}, true), 1e-8)));
    }
}
