package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import studio.nada.nn.ModulatedConv2d;
import studio.nada.nn.ParameterStore;
import studio.nada.nn.Upfirdn2d;

/**
 * rosinality's ToRGB: 1×1 modulated conv without demodulation, plus bias, plus the previous RGB
 * skip up-sampled by upfirdn2d (up 2, kernel [1,3,3,1]·4, pad (2,1)).
 */
public final class ToRGB {
    private static final float[] BLUR = {1, 3, 3, 1};

    private final ModulatedConv2d conv;
    private final NDArray bias;
    private final NDArray upsampleKernel;

    ToRGB(ParameterStore params, String prefix, long in, long styleDim, boolean upsample) {
        this.conv = new ModulatedConv2d(params, prefix + ".conv", in, 3, 1, styleDim, false, false);
        this.bias = params.get(prefix + ".bias", 1, 3, 1, 1);
        if (upsample) {
            this.upsampleKernel = params.buffer(prefix + ".upsample.kernel",
                    () -> Upfirdn2d.kernel(params.manager(), BLUR, 4f), BLUR.length, BLUR.length);
        } else {
            this.upsampleKernel = null;
        }
    }

    public ModulatedConv2d conv() {
        return conv;
    }

    public java.util.List<NDArray> arrays() {
        java.util.List<NDArray> out = new java.util.ArrayList<>(conv.arrays());
        out.add(bias);
        if (upsampleKernel != null) {
            out.add(upsampleKernel);
        }
        return out;
    }

    public NDArray forward(NDArray x, NDArray w, NDArray skip) {
        NDArray out = conv.forward(x, w).add(bias);
        if (skip != null) {
            out = out.add(Upfirdn2d.upfirdn2d(skip, upsampleKernel, 2, 2, 1));
        }
        return out;
    }
}
