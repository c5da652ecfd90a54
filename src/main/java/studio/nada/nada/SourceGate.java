package studio.nada.nada;

import java.util.Arrays;

/**
 * How source-like a code is, as a linear function of its W: g(w) = vᵀw + a, fit by ridge least
 * squares to 1 on the bank codes CLIP reads as the source and 0 on the rest. Being linear, a style
 * change scaled by g folds into the style affines exactly (see {@link CodeDirection}).
 *
 * <p>Which codes show the source is read from the bank's scores along ΔT by Otsu's split (the
 * threshold with the most variance between the two sides), not from the source pool's fixed count:
 * the pool keeps the most source-like quarter, and a gate taught that quarter learned that large
 * triangles are the source and small ones less so, so small triangles changed only part way.
 */
public record SourceGate(float[] v, float a) {
    /** Ridge on v (not on a): the bank's codes can be collinear (the Shapes codes' one-hots sum to a constant). */
    static final double RIDGE = 0.1;

    /**
     * @param w      the bank's W, row-major [rows × d]
     * @param scores each row's score, lower meaning more source-like
     */
    public static SourceGate fit(float[] w, int d, float[] scores) {
        int rows = scores.length;
        if (w.length != rows * d) {
            throw new IllegalArgumentException("W has " + w.length + " values, not " + rows + " × " + d);
        }
        boolean[] source = otsuLow(scores);
        int p = d + 1;
        double[][] m = new double[p][p + 1]; // [XᵀX + ridge | Xᵀy]
        double[] x = new double[p];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                x[j] = w[r * d + j];
            }
            x[d] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    m[i][j] += x[i] * x[j];
                }
                m[i][p] += source[r] ? x[i] : 0;
            }
        }
        for (int i = 0; i < d; i++) {
            m[i][i] += RIDGE;
        }
        double[] beta = solve(m);
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) beta[j];
        }
        return new SourceGate(v, (float) beta[d]);
    }

    /** g at row {@code row} of a row-major [rows × d] table. */
    public double at(float[] w, int row) {
        double g = a;
        for (int j = 0; j < v.length; j++) {
            g += v[j] * w[row * v.length + j];
        }
        return g;
    }

    /** The low side of Otsu's two-class split of the scores (true: the row reads as the source). */
    static boolean[] otsuLow(float[] scores) {
        float[] sorted = scores.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double total = 0;
        for (float s : sorted) {
            total += s;
        }
        double best = -1;
        double cut = sorted[0];
        double below = 0;
        for (int i = 1; i < n; i++) {
            below += sorted[i - 1];
            double gap = below / i - (total - below) / (n - i);
            double between = (double) i * (n - i) * gap * gap;
            if (between > best && sorted[i] > sorted[i - 1]) {
                best = between;
                cut = (sorted[i - 1] + sorted[i]) / 2.0;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("CLIP scores every code of the bank alike along the text direction:"
                    + " none reads as the source more than another");
        }
        boolean[] low = new boolean[n];
        for (int r = 0; r < n; r++) {
            low[r] = scores[r] < cut;
        }
        return low;
    }

    /** Gauss-Jordan elimination with partial pivoting on an augmented [p × (p + 1)] system. */
    private static double[] solve(double[][] m) {
        int p = m.length;
        for (int c = 0; c < p; c++) {
            int pivot = c;
            for (int r = c + 1; r < p; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[c][c]) < 1e-12) {
                throw new IllegalArgumentException("the bank's codes do not determine a gate (singular system)");
            }
            for (int r = 0; r < p; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= p; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] out = new double[p];
        for (int i = 0; i < p; i++) {
            out[i] = m[i][p] / m[i][i];
        }
        return out;
    }
}
