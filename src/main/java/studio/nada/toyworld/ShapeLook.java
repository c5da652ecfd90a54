package studio.nada.toyworld;

import java.util.ArrayDeque;
import studio.nada.export.Images;

/**
 * What a Shapes-world picture shows, read from its pixels by explicit bands, never by CLIP: the
 * color by hue angle (violet is not blue), the kind by how much of its smallest enclosing box,
 * turned, the shape's coverage fills and whether its form is that kind's (a circle round, a square
 * the same turned a quarter; {@link CoverageFill}), the size by the silhouette's area,
 * and whether the shape is drawn as an outline (a ring of color around an interior of
 * background). The silhouette is the shape's mask with its holes filled, so an outline and a
 * filled shape of one form have the same silhouette.
 *
 * @param color    the named color whose hue band holds the shape's mean hue (null: none, or pale)
 * @param kind     the kind whose band holds the coverage fill, {@code fillRatio}, if its form is that
 *                 kind's ({@link #kindOf(double, CoverageFill.Coverage, int)}; null: no shape, or none of the three)
 * @param size     the named size nearest the silhouette's radius (null without a shape)
 * @param cx       the silhouette's centroid in pixels (NaN without a shape)
 * @param outline  the shape covers under {@value #OUTLINE_MAX_COVER} of its silhouette and the
 *                 uncovered inside is background
 * @param cover    the share of the silhouette the shape's mask covers (1 for a filled shape)
 * @param insideDistance the uncovered inside's mean RGB distance from the background, away from the
 *                 ring's soft edge where the inside is wider than it (NaN: no inside)
 */
public record ShapeLook(ShapeColor color, ShapeKind kind, ShapeSize size, double cx, double cy, boolean[] silhouette,
        boolean outline, double fillRatio, double hue, double cover, double insideDistance) {
    /** Hue-band half widths keep orange, teal, azure, violet and magenta out of every named color. */
    static final double MIN_SATURATION = 0.3;
    /*
     * Kind bands on the coverage fill (CoverageFill), set where they read the world's own pictures
     * best (ShapeLookCalibrationTest): on 1000 generator samples against the kind their z stands
     * for, 98.3% right (the half-coverage mask's upright box fill with its best cuts, 0.70 and
     * 0.88, until stop 29: 96.6%), on its drawings from exact codes and on 2000 exact renders 100%
     * (99.9%, 99.8%); squares and triangles turned 5–45° 98.5% and 100%. Both cuts sit in the
     * plateaus where the accuracy summed over the three sets stays within 0.003 of its best
     * (0.73–0.74 and 0.845–0.885), the square cut above a squircle half way from a circle to
     * a square, so that a half-way form is still a circle.
     */
    static final double TRIANGLE_MAX_FILL = 0.73;
    static final double SQUARE_MIN_FILL = 0.875;
    /*
     * A form in the circle band must also be round (match its own average over every turn), and
     * one in the square band match itself turned a quarter (CoverageFill): the fill alone read
     * cups, lumps and bells as circles and skewed or oblong blocks as squares (stop 37). Exact
     * renders match both at 0.90 or more; 1000 generator samples read right 97.6% (98.3% by the
     * fill alone: the round cut takes a few lumpy triangles and lopsided circles their z calls
     * circles; 97.8% at a cut of 0.84, 97.0% at 0.90). The cups of a run that pulled circles
     * toward squares match 0.81–0.85 (0.87 turns every one away, with a little room), the
     * lumps of triangle → circle 0.77–0.89.
     */
    static final double CIRCLE_MIN_ROUND_MATCH = 0.87;
    static final double SQUARE_MIN_TURN_MATCH = 0.82;
    static final double OUTLINE_MAX_COVER = 0.88;
    /** An outline encloses at least this many pixels of background. */
    static final int MIN_INSIDE = 4;
    /**
     * An outline's inside is background: mean RGB distance from it under this. Read on the inside
     * pixels that do not touch the ring (8-neighbourhood), where it has any: the generator draws every
     * edge with one soft pixel (on 200 of its samples, 59 levels from the background 1 px outside a shape's
     * mask and 7 at 2 px; ShapeLookCalibrationTest), so even a clean ring has that pixel all round
     * its inside, which would count as tint on a small inside.
     */
    static final double INSIDE_MAX_DISTANCE = 40;

    public static ShapeLook of(Images.Argb image) {
        ShapeStats stats = new ShapeStats(image);
        boolean[] mask = stats.mask();
        int width = image.width();
        // closed first, so that a thin diagonal stretch of an outline does not let the outside in
        boolean[] silhouette = grown(filled(grown(mask, width, true), width), width, false);
        int area = 0;
        double sx = 0;
        double sy = 0;
        boolean[] ringEdge = grown(mask, width, true);
        double insideDistance = 0;
        int inside = 0;
        double coreDistance = 0;
        int core = 0;
        for (int i = 0; i < silhouette.length; i++) {
            if (silhouette[i]) {
                area++;
                sx += i % width + 0.5;
                sy += i / width + 0.5;
                if (!mask[i]) {
                    double d = ShapeStats.distance(ShapeStats.rgb(image.pixels()[i]), ShapeColor.BACKGROUND);
                    inside++;
                    insideDistance += d;
                    if (!ringEdge[i]) {
                        core++;
                        coreDistance += d;
                    }
                }
            }
        }
        if (stats.area() == 0) {
            return new ShapeLook(null, null, null, Double.NaN, Double.NaN, silhouette, false, 0, Double.NaN, 0,
                    Double.NaN);
        }
        CoverageFill.Coverage coverage = CoverageFill.coverage(stats, silhouette, width);
        double fill = CoverageFill.of(coverage, silhouette, width);
        ShapeKind kind = kindOf(fill, coverage, width);
        double[] rgb = stats.meanRgb();
        double hue = hue(rgb);
        ShapeColor color = saturation(rgb) >= MIN_SATURATION ? ShapeColor.ofHue(hue) : null;
        double insideMean = core > 0 ? coreDistance / core : insideDistance / inside;
        boolean outline = stats.area() < OUTLINE_MAX_COVER * area && inside >= MIN_INSIDE
                && insideMean < INSIDE_MAX_DISTANCE;
        double radius = Math.sqrt(area / (kind == null ? Math.PI : kind.unitArea())) / width;
        return new ShapeLook(color, kind, ShapeSize.nearest(radius), sx / area, sy / area, silhouette, outline, fill, hue,
                stats.area() / (double) area, inside == 0 ? Double.NaN : insideMean);
    }

    /** Distance between two looks' centroids, in pixels. */
    public double centroidDistance(ShapeLook other) {
        return Math.hypot(cx - other.cx, cy - other.cy);
    }

    /**
     * The kind whose band holds {@code fill}, if the form also looks it: a circle is round, a square
     * matches itself turned a quarter. Null without a shape, and for a form that is none of the
     * three (a cup, a lump, a skewed block).
     */
    static ShapeKind kindOf(double fill, CoverageFill.Coverage coverage, int width) {
        ShapeKind kind = kindOf(fill);
        if (kind == ShapeKind.CIRCLE && CoverageFill.roundMatch(coverage, width) < CIRCLE_MIN_ROUND_MATCH
                || kind == ShapeKind.SQUARE && CoverageFill.quarterTurnMatch(coverage, width) < SQUARE_MIN_TURN_MATCH) {
            return null;
        }
        return kind;
    }

    /** The kind whose band holds {@code fill}; null only without a shape (fill 0). */
    static ShapeKind kindOf(double fill) {
        if (fill <= 0) {
            return null;
        }
        if (fill <= TRIANGLE_MAX_FILL) {
            return ShapeKind.TRIANGLE;
        }
        return fill < SQUARE_MIN_FILL ? ShapeKind.CIRCLE : ShapeKind.SQUARE;
    }

    /** HSV hue in degrees [0, 360) of 0..255 levels. */
    static double hue(double[] rgb) {
        double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        double min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        if (max - min < 1e-9) {
            return 0;
        }
        double h;
        if (max == rgb[0]) {
            h = 60 * ((rgb[1] - rgb[2]) / (max - min));
        } else if (max == rgb[1]) {
            h = 60 * ((rgb[2] - rgb[0]) / (max - min) + 2);
        } else {
            h = 60 * ((rgb[0] - rgb[1]) / (max - min) + 4);
        }
        return (h + 360) % 360;
    }

    /** HSV saturation: a shape faded into the background is not of any color. */
    static double saturation(double[] rgb) {
        double max = Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        double min = Math.min(rgb[0], Math.min(rgb[1], rgb[2]));
        return max <= 0 ? 0 : (max - min) / max;
    }

    /** The mask with every region not connected to the image border filled in. */
    static boolean[] filled(boolean[] mask, int width) {
        int height = mask.length / width;
        boolean[] outside = new boolean[mask.length];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int i = 0; i < mask.length; i++) {
            int x = i % width;
            int y = i / width;
            if ((x == 0 || y == 0 || x == width - 1 || y == height - 1) && !mask[i]) {
                outside[i] = true;
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int x = p % width;
            int y = p / width;
            int[] next = {x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, y > 0 ? p - width : -1,
                y < height - 1 ? p + width : -1};
            for (int q : next) {
                if (q >= 0 && !mask[q] && !outside[q]) {
                    outside[q] = true;
                    queue.add(q);
                }
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            out[i] = !outside[i];
        }
        return out;
    }

    /** The mask grown (dilated) or shrunk (eroded) by one pixel, 8-neighbourhood. */
    static boolean[] grown(boolean[] mask, int width, boolean grow) {
        int height = mask.length / width;
        boolean[] out = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean v = !grow;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        boolean m = xx >= 0 && yy >= 0 && xx < width && yy < height && mask[yy * width + xx];
                        v = grow ? v || m : v && m;
                    }
                }
                out[y * width + x] = v;
            }
        }
        return out;
    }
}
