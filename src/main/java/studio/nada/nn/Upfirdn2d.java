package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * rosinality's upfirdn2d_native (upsample by zero insertion, pad, FIR filter, downsample), built
 * from differentiable DJL ops. DJL's PyTorch engine has no conv-transpose, so zero insertion is
 * also what the up-sampling modulated convolution uses.
 */
public final class Upfirdn2d {

    private Upfirdn2d() {}

    /** make_kernel([1,3,3,1]): the outer product, normalized to sum 1, times {@code gain}. */
    public static float[] makeKernel(float[] k1, float gain) {
        int n = k1.length;
        float[] k = new float[n * n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] = k1[i] * k1[j];
                sum += k[i * n + j];
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) (k[i] / sum) * gain;
        }
        return k;
    }

    public static NDArray kernel(NDManager manager, float[] k1, float gain) {
        return Ops.constant(manager, makeKernel(k1, gain), new Shape(k1.length, k1.length));
    }

    /** Inserts {@code up - 1} zeros after every sample along H and W: [N,C,H,W] to [N,C,H·up,W·up]. */
    public static NDArray zeroInsert(NDArray x, int up) {
        if (up == 1) {
            return x;
        }
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        // pad order is last dim first: (w-after-pad) then (h-after-pad)
        NDArray r = x.reshape(n, c, h, 1, w, 1).pad(new Shape(0, up - 1, 0, 0, 0, up - 1), 0);
        return r.reshape(n, c, h * up, w * up);
    }

    /** Zero-pads H and W: {@code pad0} before and {@code pad1} after (negative values crop). */
    public static NDArray pad(NDArray x, int pad0, int pad1) {
        NDArray out = x;
        if (pad0 > 0 || pad1 > 0) {
            int p0 = Math.max(pad0, 0), p1 = Math.max(pad1, 0);
            out = out.pad(new Shape(p0, p1, p0, p1), 0);
        }
        if (pad0 < 0 || pad1 < 0) {
            Shape s = out.getShape();
            long h = s.get(2), w = s.get(3);
            int c0 = Math.max(-pad0, 0), c1 = Math.max(-pad1, 0);
            out = out.get(":, :, " + c0 + ":" + (h - c1) + ", " + c0 + ":" + (w - c1));
        }
        return out;
    }

    /**
     * upfirdn2d(x, kernel, up, down=1, pad=(pad0, pad1)) with the same pad on both axes: true
     * convolution with the (flipped) 2-D kernel, applied to each channel alone. It runs as a
     * depthwise convolution (groups = C): the reference's reshape to one input channel gives a
     * single-output-channel conv whose float32 backward is wrong in libtorch 2.7.1 on CPU.
     */
    public static NDArray upfirdn2d(NDArray x, NDArray kernel, int up, int pad0, int pad1) {
        long c = x.getShape().get(1);
        NDArray out = pad(zeroInsert(x, up), pad0, pad1);
        long kh = kernel.getShape().get(0), kw = kernel.getShape().get(1);
        NDArray w = kernel.flip(0, 1).reshape(1, 1, kh, kw).repeat(0, c);
        return Conv.conv2d(out, w, null, 0, (int) c);
    }
}
