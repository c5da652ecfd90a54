package studio.nada.toyworld;

import java.util.ArrayDeque;
import java.util.Arrays;
import studio.nada.export.Images;

/**
 * Pixel statistics of a Shapes-world image (a render or a generator sample): the shape's mask
 * (pixels at least half as far from the background color as the shape's own color, i.e. about
 * half coverage whatever the color), its area, centroid and dominant named color (read as
 * a blend with the background, so antialiased and blurred rims count for their shape), and
 * whether the image looks like the world at all. Tests use it to check renders, generator samples
 * and adaptations ("red → blue turns shapes blue and keeps their mask").
 */
public final class ShapeStats {
    /**
     * Least RGB distance from the background for a shape pixel: the mask threshold is half the
     * shape color's distance (its 99th-percentile pixel), but never below this. A fixed threshold
     * made a light blue shape's mask a pixel ring smaller than the same red shape's.
     */
    static final double MIN_MASK_DISTANCE = 40;
    /** Plausible shape areas in pixels: the smallest jittered triangle to the largest square, with margin. */
    static final int MIN_AREA = 50;
    static final int MAX_AREA = 1500;

    private final int width;
    private final int[] pixels;
    private final boolean[] mask;
    /** Each pixel's RGB distance from the background, and the shape color's (its 99th percentile). */
    private final double[] distance;
    private final double shapeDistance;
    private final int area;
    private final double[] meanRgb = new double[3];
    private final double cx;
    private final double cy;

    public ShapeStats(Images.Argb image) {
        this.width = image.width();
        this.pixels = image.pixels();
        this.mask = new boolean[pixels.length];
        int[] bg = ShapeColor.BACKGROUND;
        double[] dist = new double[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            dist[i] = distance(rgb(pixels[i]), bg);
        }
        double[] sorted = dist.clone();
        Arrays.sort(sorted);
        this.distance = dist;
        this.shapeDistance = sorted[(int) (0.99 * (sorted.length - 1))];
        double threshold = Math.max(MIN_MASK_DISTANCE, 0.5 * shapeDistance);
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < pixels.length; i++) {
            int[] c = rgb(pixels[i]);
            if (dist[i] > threshold) {
                mask[i] = true;
                n++;
                sx += i % width;
                sy += i / width;
                for (int k = 0; k < 3; k++) {
                    meanRgb[k] += c[k];
                }
            }
        }
        this.area = n;
        for (int k = 0; k < 3; k++) {
            meanRgb[k] /= Math.max(1, n);
        }
        this.cx = n == 0 ? Double.NaN : (sx / n + 0.5) / width;
        this.cy = n == 0 ? Double.NaN : (sy / n + 0.5) / (pixels.length / width);
    }

    public boolean[] mask() {
        return mask.clone();
    }

    /** The shape color's RGB distance from the background: the 99th-percentile pixel's. */
    double shapeDistance() {
        return shapeDistance;
    }

    /** Pixel {@code i}'s RGB distance from the background. */
    double distance(int i) {
        return distance[i];
    }

    /** Mean RGB of the shape's pixels, 0..255 (zeros without a shape). */
    public double[] meanRgb() {
        return meanRgb.clone();
    }

    /**
     * The mask's area over its upright bounding box's: π/4 for a disc, 1 for an upright square, 1/2
     * for a triangle (0 without a shape). The judge reads kinds from {@link CoverageFill} instead.
     */
    static double fillRatio(boolean[] mask, int width) {
        int x0 = width;
        int x1 = -1;
        int y0 = Integer.MAX_VALUE;
        int y1 = -1;
        int area = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                area++;
                x0 = Math.min(x0, i % width);
                x1 = Math.max(x1, i % width);
                y0 = Math.min(y0, i / width);
                y1 = Math.max(y1, i / width);
            }
        }
        return x1 < 0 ? 0 : area / (double) ((x1 - x0 + 1) * (y1 - y0 + 1));
    }

    /** Shape pixels. */
    public int area() {
        return area;
    }

    /** Centroid of the mask as fractions of the image side (NaN without a shape). */
    public double centroidX() {
        return cx;
    }

    public double centroidY() {
        return cy;
    }

    /** The named color nearest the mean shape pixel (null without a shape). */
    public ShapeColor dominantColor() {
        return area == 0 ? null : ShapeColor.nearestBlend(meanRgb[0], meanRgb[1], meanRgb[2]);
    }

    /** Fraction of shape pixels whose own color (as a blend with the background) is the dominant one. */
    public double colorPurity() {
        ShapeColor d = dominantColor();
        if (d == null) {
            return 0;
        }
        int same = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (mask[i]) {
                int[] c = rgb(pixels[i]);
                same += ShapeColor.nearestBlend(c[0], c[1], c[2]) == d ? 1 : 0;
            }
        }
        return same / (double) area;
    }

    /** Fraction of non-shape pixels within 40 levels of the world's background. */
    public double backgroundPurity() {
        int plain = 0;
        int total = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (!mask[i]) {
                total++;
                plain += distance(rgb(pixels[i]), ShapeColor.BACKGROUND) < 40 ? 1 : 0;
            }
        }
        return total == 0 ? 0 : plain / (double) total;
    }

    /** Fraction of the mask in its largest 4-connected region. */
    public double largestRegionFraction() {
        if (area == 0) {
            return 0;
        }
        boolean[] seen = new boolean[mask.length];
        int best = 0;
        int height = mask.length / width;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || seen[start]) {
                continue;
            }
            int size = 0;
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            queue.add(start);
            seen[start] = true;
            while (!queue.isEmpty()) {
                int p = queue.poll();
                size++;
                int x = p % width;
                int y = p / width;
                int[] next = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1,
                    y < height - 1 ? p + width : -1};
                for (int q : next) {
                    if (q >= 0 && mask[q] && !seen[q]) {
                        seen[q] = true;
                        queue.add(q);
                    }
                }
            }
            best = Math.max(best, size);
        }
        return best / (double) area;
    }

    /**
     * One shape of one named color and plausible area on a plain background: area in
     * [{@value #MIN_AREA}, {@value #MAX_AREA}], ≥ 90% of it in one region, ≥ 80% of its pixels of
     * the dominant color, ≥ 95% of the rest within 40 levels of the background.
     */
    public boolean worldLike() {
        return area >= MIN_AREA && area <= MAX_AREA && largestRegionFraction() >= 0.9 && colorPurity() >= 0.8
                && backgroundPurity() >= 0.95;
    }

    /** Intersection over union of two masks of the same size (1 when both are empty). */
    public static double iou(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("masks differ in size: " + a.length + " vs " + b.length);
        }
        int inter = 0;
        int union = 0;
        for (int i = 0; i < a.length; i++) {
            inter += a[i] && b[i] ? 1 : 0;
            union += a[i] || b[i] ? 1 : 0;
        }
        return union == 0 ? 1 : inter / (double) union;
    }

    @Override
    public String toString() {
        return "ShapeStats[area=" + area + ", centroid=(" + cx + ", " + cy + "), color=" + dominantColor()
                + ", mean=" + Arrays.toString(meanRgb) + "]";
    }

    static int[] rgb(int argb) {
        return new int[] {(argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff};
    }

    static double distance(int[] a, int[] b) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            s += (a[k] - b[k]) * (double) (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
