package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * conv_transpose2d(x, Wᵀ, stride=2, padding=0) for a [out, in, k, k] weight, as its four
 * polyphase convolutions: output row 2t+a collects the kernel rows a, a+2, …, so each phase is
 * an ordinary convolution with a sub-kernel of the flipped weight. This does the transposed
 * convolution's own work (zero insertion would multiply it by four) and keeps the batch in one
 * GEMM.
 */
public final class TransposedConv {
    private TransposedConv() {}

    /**
     * Returns [B, out, 2H+2, 2W+2]: the (2H+k−1)-sized transposed-conv result for k = 3 is the
     * leading [2H+1, 2W+1] block, followed by one zero row and column.
     */
    public static NDArray stride2Padded(NDArray x, NDArray weight) {
        Shape s = x.getShape();
        long h = s.get(2), w = s.get(3);
        long k = weight.getShape().get(2);
        if (k != 3) {
            throw new IllegalArgumentException("up-sampling convolution expects a 3x3 kernel, got " + k);
        }
        NDArray flipped = weight.flip(2, 3);
        NDArray[][] phase = new NDArray[2][2];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                NDArray sub = flipped.get(":, :, " + a + "::2, " + b + "::2");
                long ja = sub.getShape().get(2), jb = sub.getShape().get(3);
                NDArray y = x.getNDArrayInternal()
                        .convolution(x, sub, null, new Shape(1, 1), new Shape(ja - 1, jb - 1), new Shape(1, 1), 1)
                        .singletonOrThrow();
                // every phase padded to (H+1, W+1) so they interleave by stack + reshape
                long ph = h + 1 - y.getShape().get(2), pw = w + 1 - y.getShape().get(3);
                phase[a][b] = ph > 0 || pw > 0 ? y.pad(new Shape(0, pw, 0, ph), 0) : y;
            }
        }
        long n = s.get(0), c = weight.getShape().get(0);
        NDArray row0 = phase[0][0].stack(phase[0][1], 4).reshape(n, c, h + 1, 2 * (w + 1));
        NDArray row1 = phase[1][0].stack(phase[1][1], 4).reshape(n, c, h + 1, 2 * (w + 1));
        return row0.stack(row1, 3).reshape(n, c, 2 * (h + 1), 2 * (w + 1));
    }
}
