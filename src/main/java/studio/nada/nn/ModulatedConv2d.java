package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * rosinality's ModulatedConv2d, in its unfused form (same numbers, faster on CPU): the input is
 * scaled by the per-sample style, one shared-weight convolution runs over the whole batch, and
 * demodulation rescales each output channel by rsqrt(Σ (w·s)² + 1e-8). Up-sampling is a stride-2
 * transposed convolution followed by the [1,3,3,1] blur; DJL has no conv-transpose, so it runs as
 * its four polyphase convolutions ({@link TransposedConv}).
 */
public final class ModulatedConv2d {
    private static final float[] BLUR = {1, 3, 3, 1};

    private final NDArray weight;
    private final EqualLinear modulation;
    private final NDArray blurKernel;
    private final long in;
    private final long out;
    private final int k;
    private final float scale;
    private final boolean demodulate;
    private final boolean upsample;

    /**
     * @param prefix key prefix of this conv, e.g. {@code convs.0.conv}
     */
    public ModulatedConv2d(ParameterStore params, String prefix, long in, long out, int k, long styleDim,
            boolean demodulate, boolean upsample) {
        this.weight = params.get(prefix + ".weight", 1, out, in, k, k);
        this.modulation = new EqualLinear(params, prefix + ".modulation", styleDim, in, 1.0, false);
        this.in = in;
        this.out = out;
        this.k = k;
        this.scale = (float) (1.0 / Math.sqrt((double) in * k * k));
        this.demodulate = demodulate;
        this.upsample = upsample;
        if (upsample) {
            this.blurKernel = params.buffer(prefix + ".blur.kernel", () -> Upfirdn2d.kernel(params.manager(), BLUR, 4f),
                    BLUR.length, BLUR.length);
        } else {
            this.blurKernel = null;
        }
    }

    /** Its parameters and buffers (what its ops attach results to). */
    public java.util.List<NDArray> arrays() {
        java.util.List<NDArray> out = new java.util.ArrayList<>(modulation.arrays());
        out.add(weight);
        if (blurKernel != null) {
            out.add(blurKernel);
        }
        return out;
    }

    /** The per-sample style s = modulation(w), [B, in]. */
    public NDArray style(NDArray w) {
        return modulation.forward(w);
    }

    /** x [B,in,H,W], w [B,style_dim] to [B,out,H',W']. */
    public NDArray forward(NDArray x, NDArray w) {
        long b = x.getShape().get(0);
        NDArray style = modulation.forward(w);
        NDArray wt = Ops.mul(weight.reshape(out, in, k, k), scale);
        NDArray input = x.mul(style.reshape(b, in, 1, 1));
        NDArray y;
        if (upsample) {
            // Blur(pad=(1,1)) over the (2H+1)-sized transposed-conv output; the padded
            // polyphase result already ends in a zero row/column, so one leading pad completes it
            NDArray t = TransposedConv.stride2Padded(input, wt);
            y = Upfirdn2d.upfirdn2d(t, blurKernel, 1, 1, 0);
        } else {
            y = Conv.conv2d(input, wt, null, k / 2, 1);
        }
        if (demodulate) {
            // Σ_{i,kh,kw} (W[o,i]·s[b,i])² = (s²) · (Σ_{kh,kw} W²)ᵀ
            NDArray w2 = wt.square().sum(new int[] {2, 3});
            NDArray dcoefs = Ops.rsqrt(Ops.add(style.square().matMul(w2.transpose()), 1e-8));
            y = y.mul(dcoefs.reshape(b, out, 1, 1));
        }
        return y;
    }

    Shape weightShape() {
        return weight.getShape();
    }
}
