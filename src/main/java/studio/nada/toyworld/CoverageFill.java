package studio.nada.toyworld;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * How much of its box a shape's coverage fills, the box turned to the silhouette's smallest
 * enclosing rectangle: a pixel's coverage is its distance from the background over the shape
 * color's (a blend is linear in it), the area is the sum of coverage, and each side of the box is
 * the sum, along that axis, of the largest coverage across it. A blur conserves the sum, so a
 * soft square keeps its corners' mass, which the half-coverage mask cuts off; and a square turned
 * 15° fills its turned box as an upright one fills its own (its upright box it fills only 0.67,
 * a triangle's share). A circle fills π/4 of any box, a triangle half its smallest.
 */
final class CoverageFill {
    /** Pixels fainter than this coverage are noise, not shape. */
    private static final double MIN_COVERAGE = 0.1;
    /** Coverage counts only this many pixels around the silhouette, so that stray tints far off do not widen the box. */
    private static final int REACH = 2;

    private CoverageFill() {}

    /**
     * The fill in [0, 1] (0 without a shape): {@code cov} is the shape's {@link #coverage}
     * (null: no shape), {@code silhouette} its filled mask, {@code w} the picture's width.
     */
    static double of(Coverage cov, boolean[] silhouette, int w) {
        int h = silhouette.length / w;
        double[] axis = smallestBoxAxis(silhouette, w);
        if (cov == null || axis == null) {
            return 0;
        }
        double[] cover = cov.cover();
        // the coverage turned upright: sampled bilinearly on a unit grid along the box's axes,
        // through a pixel centre near the shape's, so that an upright box reads the pixels as they are
        long ox = Math.round(cov.mx());
        long oy = Math.round(cov.my());
        int reach = w + h;
        double[] colMax = new double[2 * reach + 1];
        double[] rowMax = new double[2 * reach + 1];
        double sum = 0;
        for (int v = -reach; v <= reach; v++) {
            for (int u = -reach; u <= reach; u++) {
                double x = ox + u * axis[0] - v * axis[1];
                double y = oy + u * axis[1] + v * axis[0];
                double c = bilinear(cover, w, h, x, y);
                if (c > 0) {
                    sum += c;
                    colMax[u + reach] = Math.max(colMax[u + reach], c);
                    rowMax[v + reach] = Math.max(rowMax[v + reach], c);
                }
            }
        }
        double box = Arrays.stream(colMax).sum() * Arrays.stream(rowMax).sum();
        return box <= 0 ? 0 : Math.min(1, sum / box);
    }

    /** Per pixel, the shape's coverage in [0, 1] near its silhouette, and the coverage's centre of mass. */
    record Coverage(double[] cover, double mx, double my) {}

    /** The coverage of {@link #of}'s shape; null without a shape. */
    static Coverage coverage(ShapeStats stats, boolean[] silhouette, int w) {
        int h = silhouette.length / w;
        double full = stats.shapeDistance();
        if (full < ShapeStats.MIN_MASK_DISTANCE) {
            return null;
        }
        boolean[] near = silhouette;
        for (int r = 0; r < REACH; r++) {
            near = ShapeLook.grown(near, w, true);
        }
        boolean[] mask = stats.mask();
        int holes = 0;
        for (int i = 0; i < mask.length; i++) {
            holes += silhouette[i] && !mask[i] ? 1 : 0;
        }
        // a ring's own pixels, inner soft edge included, are inside its form: counted at their color's
        // strength they read a crisp square outline as filling 0.93–0.97 of its box against its filled twin's 1
        boolean hollow = holes >= ShapeLook.MIN_INSIDE;
        double[] cover = new double[silhouette.length];
        double mx = 0;
        double my = 0;
        double mass = 0;
        for (int i = 0; i < cover.length; i++) {
            int x = i % w;
            int y = i / w;
            double d = stats.distance(i);
            double c = Math.min(1, d / full);
            if (silhouette[i] && (d < 0.5 * full || hollow) && x > 0 && y > 0 && x < w - 1 && y < h - 1
                    && silhouette[i - 1] && silhouette[i + 1] && silhouette[i - w] && silhouette[i + w]) {
                c = 1; // an outline's inside, and the ring within its silhouette's edge, belong to its form
            }
            if (near[i] && c >= MIN_COVERAGE) {
                cover[i] = c;
                mass += c;
                mx += c * x;
                my += c * y;
            }
        }
        return mass <= 0 ? null : new Coverage(cover, mx / mass, my / mass);
    }

    /**
     * How well the coverage matches itself turned a quarter about its centre of mass: the sum of
     * the smaller of each pixel's coverage and the turned coverage's over the sum of the larger
     * (1 for a disc or a square at any angle; a triangle, a cup or a bell reads lower). 0 without
     * a shape.
     */
    static double quarterTurnMatch(Coverage cov, int w) {
        if (cov == null) {
            return 0;
        }
        double[] cover = cov.cover();
        int h = cover.length / w;
        return overlap(cover, i -> bilinear(cover, w, h, cov.mx() - (i / w - cov.my()), cov.my() + (i % w - cov.mx())));
    }

    /**
     * How well the coverage matches its own average over every turn about its centre of mass (the
     * mean coverage at each distance from it), as {@link #quarterTurnMatch} compares: 1 for a
     * disc, sharp or blurred; a cup, a lump or a bell reads lower. 0 without a shape.
     */
    static double roundMatch(Coverage cov, int w) {
        if (cov == null) {
            return 0;
        }
        // rings half a pixel wide: the farthest pixel lies under 2·hypot(w, h) rings out
        double[] cover = cov.cover();
        int[] ring = new int[cover.length];
        double[] sum = new double[2 * (w + cover.length / w)];
        int[] count = new int[sum.length];
        for (int i = 0; i < cover.length; i++) {
            ring[i] = (int) (2 * Math.hypot(i % w - cov.mx(), i / w - cov.my()));
            sum[ring[i]] += cover[i];
            count[ring[i]]++;
        }
        return overlap(cover, i -> sum[ring[i]] / count[ring[i]]);
    }

    /**
     * How drawn out the coverage is: √(λ1/λ2) of its second moments about its centre of mass, 1 for
     * a disc or a square at any angle, the side ratio for an oblong (NaN without a shape).
     */
    static double elongation(Coverage cov, int w) {
        if (cov == null) {
            return Double.NaN;
        }
        double[] cover = cov.cover();
        // unnormalised moments: the ratio of their eigenvalues does not need the mass
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < cover.length; i++) {
            double dx = i % w - cov.mx();
            double dy = i / w - cov.my();
            xx += cover[i] * dx * dx;
            yy += cover[i] * dy * dy;
            xy += cover[i] * dx * dy;
        }
        double half = (xx + yy) / 2;
        double spread = Math.sqrt(Math.max(0, half * half - (xx * yy - xy * xy)));
        return half - spread <= 0 ? Double.POSITIVE_INFINITY : Math.sqrt((half + spread) / (half - spread));
    }

    /** Σ min(a, b) / Σ max(a, b) over the pixels, b per pixel index: 1 where they agree (0 where both are empty). */
    private static double overlap(double[] a, IntToDoubleFunction b) {
        double both = 0;
        double either = 0;
        for (int i = 0; i < a.length; i++) {
            double bi = b.applyAsDouble(i);
            both += Math.min(a[i], bi);
            either += Math.max(a[i], bi);
        }
        return either <= 0 ? 0 : both / either;
    }

    /** {@code values} (pixel centres at integer x, y) interpolated at (x, y); 0 outside. */
    private static double bilinear(double[] values, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double out = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int xx = x0 + dx;
                int yy = y0 + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                    out += values[yy * w + xx] * (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                }
            }
        }
        return out;
    }

    /**
     * The unit direction of one side of the smallest rectangle around the mask's pixels (rotating
     * calipers on their corners' convex hull: the best box has a side on a hull edge); an upright
     * box wins ties. Null for an empty mask.
     */
    static double[] smallestBoxAxis(boolean[] mask, int width) {
        List<long[]> pts = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int x = i % width;
                int y = i / width;
                pts.add(new long[] {x, y});
                pts.add(new long[] {x + 1, y});
                pts.add(new long[] {x, y + 1});
                pts.add(new long[] {x + 1, y + 1});
            }
        }
        if (pts.isEmpty()) {
            return null;
        }
        long[][] hull = hull(pts);
        double[] best = {1, 0};
        double bestArea = boxArea(hull, 1, 0) * (1 - 1e-9);
        for (int e = 0; e < hull.length; e++) {
            long[] a = hull[e];
            long[] b = hull[(e + 1) % hull.length];
            double len = Math.hypot(b[0] - a[0], b[1] - a[1]);
            double ux = (b[0] - a[0]) / len;
            double uy = (b[1] - a[1]) / len;
            double area = boxArea(hull, ux, uy);
            if (area < bestArea) {
                bestArea = area;
                best = new double[] {ux, uy};
            }
        }
        return best;
    }

    private static double boxArea(long[][] hull, double ux, double uy) {
        double minU = Double.MAX_VALUE;
        double maxU = -Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (long[] p : hull) {
            double u = p[0] * ux + p[1] * uy;
            double v = -p[0] * uy + p[1] * ux;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        return (maxU - minU) * (maxV - minV);
    }

    /** Andrew's monotone chain: the convex hull's corners, counter-clockwise, no three in line. */
    private static long[][] hull(List<long[]> pts) {
        pts.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[][] out = new long[2 * pts.size()][];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int j = 0; j < pts.size(); j++) {
                long[] p = pts.get(pass == 0 ? j : pts.size() - 1 - j);
                while (k >= start + 2 && cross(out[k - 2], out[k - 1], p) <= 0) {
                    k--;
                }
                out[k++] = p;
            }
            k--;
        }
        return Arrays.copyOf(out, Math.max(1, k));
    }

    private static long cross(long[] o, long[] a, long[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
