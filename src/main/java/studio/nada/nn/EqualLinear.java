package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

/**
 * rosinality's EqualLinear: the weight is stored divided by lr_mul and scaled at run time by
 * lr_mul/√in (equalized learning rate); with activation, a fused leaky ReLU on the scaled bias.
 */
public final class EqualLinear {
    private final NDArray weight;
    private final NDArray bias;
    private final float scale;
    private final float lrMul;
    private final boolean activation;

    public EqualLinear(ParameterStore params, String prefix, long in, long out, double lrMul, boolean activation) {
        this.weight = params.get(prefix + ".weight", out, in);
        this.bias = params.get(prefix + ".bias", out);
        this.scale = (float) (1.0 / Math.sqrt(in) * lrMul);
        this.lrMul = (float) lrMul;
        this.activation = activation;
    }

    public java.util.List<NDArray> arrays() {
        return java.util.List.of(weight, bias);
    }

    public NDArray forward(NDArray x) {
        NDArray w = Ops.mul(weight, scale);
        if (activation) {
            NDArray out = Linear.linear(x, w).singletonOrThrow();
            return FusedLeakyReLU.apply(out, Ops.mul(bias, lrMul));
        }
        return Linear.linear(x, w, Ops.mul(bias, lrMul)).singletonOrThrow();
    }
}
