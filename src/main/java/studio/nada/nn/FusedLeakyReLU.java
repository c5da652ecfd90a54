package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.Arrays;

/** rosinality's fused_leaky_relu, CPU path: leaky_relu(x + bias, 0.2) * √2, bias per channel (dim 1). */
public final class FusedLeakyReLU {
    public static final float NEGATIVE_SLOPE = 0.2f;
    public static final float SCALE = (float) Math.sqrt(2.0);

    private FusedLeakyReLU() {}

    public static NDArray apply(NDArray x, NDArray bias) {
        long[] shape = new long[x.getShape().dimension()];
        Arrays.fill(shape, 1);
        shape[1] = bias.getShape().get(0);
        return Ops.mul(Activation.leakyRelu(x.add(bias.reshape(shape)), NEGATIVE_SLOPE), SCALE);
    }
}
