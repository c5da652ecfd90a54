package studio.nada.toyworld;

/**
 * Where a shape's hue sits in the Shapes CLIPs' embedding: three of its normalized coordinates
 * are held at a radius times u(hue), u on the unit sphere ({@link EmbeddingLayout}). The four
 * named colors sit at the corners of a regular tetrahedron (every pair 109.5° apart, none opposite another), and
 * the hues between two neighbours run along the great-circle arc between their corners.
 *
 * <p>Why this shape: StyleGAN-NADA asks only that E_I(adapted) − E_I(frozen) point along
 * E_T(target) − E_T(source). On a sphere, the angle between the chord from the source corner to
 * a point P and the chord to the target corner shrinks as P nears the target, and is 0 only
 * there: the loss keeps pulling until the target's own hue, from either way round. A CLIP whose
 * colors lay on a line (blends captioned as mixtures) was content half way, with violet.
 */
public final class HueSphere {
    private static final double S = 1 / Math.sqrt(3);
    /** Corners in hue order: red, yellow, green, blue. */
    private static final ShapeColor[] ORDER = {ShapeColor.RED, ShapeColor.YELLOW, ShapeColor.GREEN, ShapeColor.BLUE};
    private static final double[][] CORNERS = {{S, S, S}, {S, -S, -S}, {-S, S, -S}, {-S, -S, S}};

    private HueSphere() {}

    /** The unit vector of a named color. */
    public static double[] of(ShapeColor c) {
        for (int i = 0; i < ORDER.length; i++) {
            if (ORDER[i] == c) {
                return CORNERS[i].clone();
            }
        }
        throw new IllegalArgumentException(String.valueOf(c));
    }

    /** The unit vector of any hue in degrees: the arc between the named colors on either side. */
    public static double[] of(double hue) {
        double h = ((hue % 360) + 360) % 360;
        for (int i = 0; i < ORDER.length; i++) {
            double from = ORDER[i].hue();
            double to = i + 1 < ORDER.length ? ORDER[i + 1].hue() : 360 + ORDER[0].hue();
            if (h >= from && h < to) {
                return slerp(CORNERS[i], CORNERS[(i + 1) % ORDER.length], (h - from) / (to - from));
            }
        }
        return CORNERS[0].clone();
    }

    private static double[] slerp(double[] a, double[] b, double t) {
        double dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
        double omega = Math.acos(Math.max(-1, Math.min(1, dot)));
        double wa = Math.sin((1 - t) * omega) / Math.sin(omega);
        double wb = Math.sin(t * omega) / Math.sin(omega);
        return new double[] {wa * a[0] + wb * b[0], wa * a[1] + wb * b[1], wa * a[2] + wb * b[2]};
    }
}
