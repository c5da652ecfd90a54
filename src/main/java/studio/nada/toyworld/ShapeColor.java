package studio.nada.toyworld;

import java.util.Locale;

/**
 * The named colors. Saturated and far apart in RGB (each differs from the others in at least
 * one channel by more than 100 levels), so a color name is plain from pixel statistics.
 */
public enum ShapeColor {
    RED(220, 40, 40),
    GREEN(40, 170, 60),
    BLUE(40, 70, 220),
    YELLOW(235, 200, 30);

    /** The light neutral background, far from every shape color. */
    public static final int[] BACKGROUND = {232, 232, 228};

    private final int[] rgb;

    ShapeColor(int r, int g, int b) {
        this.rgb = new int[] {r, g, b};
    }

    /** 0..255 levels. */
    public int[] rgb() {
        return rgb.clone();
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The named color nearest (Euclidean RGB) to a mean pixel color. */
    public static ShapeColor nearest(double r, double g, double b) {
        ShapeColor best = null;
        double bestD = Double.MAX_VALUE;
        for (ShapeColor c : values()) {
            double d = sq(r - c.rgb[0]) + sq(g - c.rgb[1]) + sq(b - c.rgb[2]);
            if (d < bestD) {
                bestD = d;
                best = c;
            }
        }
        return best;
    }

    /**
     * The named color whose blend with the background, at the best mix, is nearest to a pixel:
     * an antialiased rim or a blurred edge reads as its shape's color, not as a paler neighbour.
     */
    public static ShapeColor nearestBlend(double r, double g, double b) {
        ShapeColor best = null;
        double bestD = Double.MAX_VALUE;
        double[] v = {r - BACKGROUND[0], g - BACKGROUND[1], b - BACKGROUND[2]};
        for (ShapeColor c : values()) {
            double[] d = {c.rgb[0] - BACKGROUND[0], c.rgb[1] - BACKGROUND[1], c.rgb[2] - BACKGROUND[2]};
            double dd = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
            double a = Math.max(0, Math.min(1, (v[0] * d[0] + v[1] * d[1] + v[2] * d[2]) / dd));
            double dist = sq(v[0] - a * d[0]) + sq(v[1] - a * d[1]) + sq(v[2] - a * d[2]);
            if (dist < bestD) {
                bestD = dist;
                best = c;
            }
        }
        return best;
    }

    private static double sq(double x) {
        return x * x;
    }
}
