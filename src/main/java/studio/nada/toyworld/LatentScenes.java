package studio.nada.toyworld;

/**
 * The fixed function from a latent z to the scene the generator is taught to draw for it: the
 * argmax of a few coordinates picks shape and color (so every shape exists in every color, and
 * a color change is a move in z that keeps the rest), the normal CDF of others gives size, cell
 * and a small jitter. z is pixel-normalized first, as the mapping network sees it.
 */
public final class LatentScenes {
    /** Coordinates of z read here; the remaining ones carry nothing. */
    public static final int USED = 13;
    private static final double SIZE_JITTER = 0.02;
    private static final double POSITION_JITTER = 0.04;

    private LatentScenes() {}

    public static Scene fromZ(float[] z) {
        if (z.length < USED) {
            throw new IllegalArgumentException("z needs at least " + USED + " coordinates, got " + z.length);
        }
        double[] n = pixelNorm(z);
        ShapeKind kind = ShapeKind.values()[argmax(n, 0, ShapeKind.values().length)];
        ShapeColor color = ShapeColor.values()[argmax(n, 3, ShapeColor.values().length)];
        ShapeSize size = ShapeSize.values()[third(n[7])];
        double radius = size.radius() + SIZE_JITTER * signed(n[10]);
        double cx = Scene.CELL_CENTERS[third(n[8])] + POSITION_JITTER * signed(n[11]);
        double cy = Scene.CELL_CENTERS[third(n[9])] + POSITION_JITTER * signed(n[12]);
        return new Scene(kind, color, radius, cx, cy);
    }

    static double[] pixelNorm(float[] z) {
        double ss = 0;
        for (float v : z) {
            ss += v * (double) v;
        }
        double k = 1 / Math.sqrt(ss / z.length + 1e-8);
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = z[i] * k;
        }
        return out;
    }

    private static int argmax(double[] v, int from, int count) {
        int best = from;
        for (int i = from + 1; i < from + count; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best - from;
    }

    /** Equal-probability thirds of N(0, 1). */
    private static int third(double v) {
        return Math.min(2, (int) (3 * NormalCdf.phi(v)));
    }

    /** N(0, 1) to (-1, 1), uniformly. */
    private static double signed(double v) {
        return 2 * NormalCdf.phi(v) - 1;
    }
}
