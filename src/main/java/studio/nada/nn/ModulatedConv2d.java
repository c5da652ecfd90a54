package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * rosinality's ModulatedConv2d, fused path: the style scales the weight's input channels per
 * sample, demodulation renormalizes each output filter, and the batch runs as one grouped
 * convolution. Up-sampling is a stride-2 transposed convolution (zero insertion + grouped conv
 * with the spatially flipped weight, since DJL has none) followed by the [1,3,3,1] blur.
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
            String key = prefix + ".blur.kernel";
            if (!params.contains(key)) {
                // real checkpoints hold it; derive it from the config where a file lacks it
                params.put(key, Upfirdn2d.kernel(params.manager(), BLUR, 4f));
            }
            params.markBuffer(key);
            this.blurKernel = params.get(key, BLUR.length, BLUR.length);
        } else {
            this.blurKernel = null;
        }
    }

    /** The per-sample style s = modulation(w), [B, in]. */
    public NDArray style(NDArray w) {
        return modulation.forward(w);
    }

    /** x [B,in,H,W], w [B,style_dim] to [B,out,H',W']. */
    public NDArray forward(NDArray x, NDArray w) {
        Shape s = x.getShape();
        long b = s.get(0), h = s.get(2), wd = s.get(3);
        NDArray style = modulation.forward(w).reshape(b, 1, in, 1, 1);
        NDArray wt = weight.mul(scale).mul(style);
        if (demodulate) {
            NDArray demod = wt.square().sum(new int[] {2, 3, 4}).add(1e-8f).pow(-0.5f);
            wt = wt.mul(demod.reshape(b, out, 1, 1, 1));
        }
        NDArray input = x.reshape(1, b * in, h, wd);
        if (upsample) {
            // conv_transpose2d(stride 2, padding 0) == zero insertion, pad k-1, conv with the flipped kernel
            NDArray filters = wt.flip(3, 4).reshape(b * out, in, k, k);
            NDArray up = Upfirdn2d.pad(Upfirdn2d.zeroInsert(input, 2), k - 1, k - 2);
            NDArray y = Conv.conv2d(up, filters, null, 0, (int) b);
            Shape ys = y.getShape();
            y = y.reshape(b, out, ys.get(2), ys.get(3));
            // Blur(pad=(1,1), upsample_factor=2)
            return Upfirdn2d.upfirdn2d(y, blurKernel, 1, 1, 1);
        }
        NDArray filters = wt.reshape(b * out, in, k, k);
        NDArray y = Conv.conv2d(input, filters, null, k / 2, (int) b);
        return y.reshape(b, out, h, wd);
    }
}
