package studio.nada.clip;

/**
 * PIL's {@code Image.resize(..., BICUBIC)} on one 8-bit plane: separable, horizontal pass first,
 * cubic a = -0.5 with its support widened by the downscale factor (antialiasing), weights
 * normalized per output pixel, rounded and clipped to 0..255 after each pass. PIL computes in
 * fixed point, so single values may differ by one level.
 */
final class PilResize {
    private static final double A = -0.5;

    private PilResize() {}

    static float[] resize(float[] plane, int h, int w, int outH, int outW) {
        float[] horizontal = new float[h * outW];
        if (outW == w) {
            horizontal = plane.clone();
        } else {
            pass(plane, horizontal, h, w, outW, 1, w, 1, outW);
        }
        if (outH == h) {
            return horizontal;
        }
        float[] out = new float[outH * outW];
        pass(horizontal, out, outW, h, outH, outW, 1, outW, 1);
        return out;
    }

    /**
     * Resamples {@code lines} lines of length {@code in} to length {@code out}; element k of line l
     * sits at {@code l * lineStride + k * step} (same for the output with its own strides).
     */
    private static void pass(float[] src, float[] dst, int lines, int in, int out, int step, int lineStride,
            int outStep, int outLineStride) {
        double scale = (double) in / out;
        double filterScale = Math.max(scale, 1.0);
        double support = 2.0 * filterScale;
        for (int i = 0; i < out; i++) {
            double center = (i + 0.5) * scale;
            int min = Math.max((int) (center - support + 0.5), 0);
            int max = Math.min((int) (center + support + 0.5), in);
            double[] k = new double[max - min];
            double total = 0;
            for (int j = 0; j < k.length; j++) {
                k[j] = cubic((j + min - center + 0.5) / filterScale);
                total += k[j];
            }
            for (int l = 0; l < lines; l++) {
                double sum = 0;
                for (int j = 0; j < k.length; j++) {
                    sum += src[l * lineStride + (min + j) * step] * k[j];
                }
                float v = (float) Math.round(sum / total);
                dst[l * outLineStride + i * outStep] = Math.min(255f, Math.max(0f, v));
            }
        }
    }

    private static double cubic(double x) {
        x = Math.abs(x);
        if (x < 1) {
            return ((A + 2) * x - (A + 3)) * x * x + 1;
        }
        if (x < 2) {
            return (((x - 5) * x + 8) * x - 4) * A;
        }
        return 0;
    }
}
