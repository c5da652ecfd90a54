package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import studio.nada.nn.Ops;

/**
 * Bicubic resize exactly as {@code F.interpolate(mode='bicubic', align_corners=False)} without
 * antialias (cubic coefficient A = -0.75, source coordinate (dst + 0.5) * in / out - 0.5, border
 * indices clamped), written as two matrix products {@code Wy · x · Wxᵀ} so autograd carries
 * gradients through it. DJL's own interpolation does not give this: its bicubic mode (id 3)
 * differs from F.interpolate by up to 0.7 on [-1, 1] images, and {@code resize()} is not
 * differentiable.
 */
final class BicubicResize {
    private static final float A = -0.75f;

    private BicubicResize() {}

    /** x [..., H, W] -> [..., outH, outW]; the result attaches to x's manager. */
    static NDArray resize(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int h = (int) s.get(s.dimension() - 2);
        int w = (int) s.get(s.dimension() - 1);
        NDManager m = x.getManager();
        NDArray wy = Ops.constant(m, matrix(h, outH), new Shape(outH, h));
        NDArray wxT = Ops.constant(m, matrix(w, outW), new Shape(outW, w)).transpose();
        return wy.matMul(x).matMul(wxT);
    }

    /** Row-major [out, in] interpolation weights along one axis. */
    static float[] matrix(int in, int out) {
        float[] weights = new float[out * in];
        // float arithmetic, as ATen's kernel: on upscales the rounding of the coordinate and of the
        // cubic weights (cancellation in cubic2) shows at ~1e-5 after CLIP's normalization
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float src = scale * (i + 0.5f) - 0.5f;
            int floor = (int) Math.floor(src);
            float t = src - floor;
            float x2 = 1 - t; // ATen forms 1 - t, then adds 1: rounding twice, as there
            float[] k = {cubic2(t + 1), cubic1(t), cubic1(x2), cubic2(x2 + 1)};
            for (int j = 0; j < 4; j++) {
                int idx = Math.min(Math.max(floor - 1 + j, 0), in - 1);
                weights[i * in + idx] += k[j];
            }
        }
        return weights;
    }

    /** Cubic convolution weight for |x| <= 1. */
    private static float cubic1(float x) {
        return ((A + 2) * x - (A + 3)) * x * x + 1;
    }

    /** Cubic convolution weight for 1 < |x| < 2. */
    private static float cubic2(float x) {
        return ((A * x - 5 * A) * x + 8 * A) * x - 4 * A;
    }
}
