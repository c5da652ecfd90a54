package studio.nada.toyworld;

import java.util.Locale;

/**
 * The named colors. Saturated and far apart in RGB (each differs from the others in at least
 * one channel by more than 100 levels), so a color name is plain from pixel statistics.
 */
public enum ShapeColor {
    RED(220, 40, 40, 0, 20),
    GREEN(40, 170, 60, 129, 25),
    BLUE(40, 70, 220, 230, 17),
    YELLOW(235, 200, 30, 50, 14);

    /** The light neutral background, far from every shape color. */
    public static final int[] BACKGROUND = {232, 232, 228};

    private final int[] rgb;
    private final double hue;
    private final double hueHalfWidth;

    /**
     * @param hue          the color's HSV hue in degrees
     * @param hueHalfWidth how far a hue may lie from it and still be named so: the bands leave
     *                     orange (~30°), teal (~170°), azure (~200°), violet (~270°) and magenta
     *                     (~320°) unnamed, so a violet shape never counts as blue
     */
    ShapeColor(int r, int g, int b, double hue, double hueHalfWidth) {
        this.rgb = new int[] {r, g, b};
        this.hue = hue;
        this.hueHalfWidth = hueHalfWidth;
    }

    /** The named color whose hue band holds {@code degrees}, or null. */
    public static ShapeColor ofHue(double degrees) {
        for (ShapeColor c : values()) {
            double d = Math.abs(((degrees - c.hue) % 360 + 540) % 360 - 180);
            if (d <= c.hueHalfWidth) {
                return c;
            }
        }
        return null;
    }

    /** HSV hue in degrees. */
    public double hue() {
        return hue;
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
