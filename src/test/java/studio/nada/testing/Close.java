package studio.nada.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import studio.nada.weights.TensorData;

/** Element-wise comparisons that report the worst error. */
public final class Close {
    private Close() {}

    public static double maxAbsDiff(float[] a, float[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    public static double maxAbs(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Same shape, and max |actual − expected| ≤ atol; returns the error. */
    public static double assertClose(TensorData expected, NDArray actual, double atol, String what) {
        assertArrayEquals(expected.shape(), actual.getShape().getShape(), what + ": shape");
        double err = maxAbsDiff(actual.toFloatArray(), expected.toFloatArray());
        assertTrue(err <= atol, what + ": max abs error " + err + " > " + atol);
        return err;
    }

    /** Same shape, and max |actual − expected| ≤ rtol · max|expected|. */
    public static double assertCloseRelative(TensorData expected, NDArray actual, double rtol, String what) {
        float[] e = expected.toFloatArray();
        return assertClose(expected, actual, rtol * Math.max(maxAbs(e), 1e-12), what);
    }
}
