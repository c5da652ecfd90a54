package studio.nada.toyworld;

import java.util.Random;

/**
 * How CLIP's training draws a scene's silhouette beyond what the generator draws: part way to
 * another kind (a morph), with the interior part filled (between a filled shape and an outline),
 * bent by a smooth random warp, and leant (sheared). Morphs and part fills give the paths from one
 * kind or style to another points CLIP has seen, so its embedding has a slope all along them;
 * warps and leans are what an adaptation smears shapes into (a leaning parallelogram for a square),
 * which CLIP must report as moves of their own.
 *
 * @param other   the kind it morphs toward
 * @param t       how far (0: the scene's own kind)
 * @param fill    the interior's coverage (1: filled, 0: an outline)
 * @param warp    the warp's largest displacement in pixels (0: none)
 * @param waves   [4][4] per wave (two per axis): x frequency, y frequency (cycles per image), phase, weight
 * @param shear   the lean: x moves by this times y, about the center (0: upright)
 */
public record Form(ShapeKind other, double t, double fill, double warp, double[][] waves, double shear) {
    static final double MAX_WARP = 4.0;
    /** The largest lean: x moves by this times y (both in radii), so a square becomes a parallelogram. */
    static final double MAX_SHEAR = 0.6;

    /** An unsheared form. */
    public Form(ShapeKind other, double t, double fill, double warp, double[][] waves) {
        this(other, t, fill, warp, waves, 0);
    }

    /** The scene's own silhouette, filled or an outline as its style says. */
    public static Form plain(Scene s) {
        return new Form(s.kind(), 0, s.style() == ShapeStyle.OUTLINE ? 0 : 1, 0, new double[4][4]);
    }

    /** A random form: a morph, a part fill, a warp and a lean each that often. */
    public static Form random(Scene s, Random r, double morphs, double partFills, double warps, double shears) {
        ShapeKind other = s.kind();
        double t = 0;
        if (r.nextDouble() < morphs) {
            other = s.kind().other(r);
            t = 0.05 + 0.9 * r.nextDouble(); // up to near the pure kinds, where a run's last stretch lies
        }
        double fill = s.style() == ShapeStyle.OUTLINE ? 0 : 1;
        if (r.nextDouble() < partFills) {
            fill = 0.15 + 0.7 * r.nextDouble();
        }
        double warp = r.nextDouble() < warps ? MAX_WARP * r.nextDouble() : 0;
        double[][] waves = new double[4][];
        for (int i = 0; i < 4; i++) {
            waves[i] = new double[] {1 + 2 * r.nextDouble(), 1 + 2 * r.nextDouble(), 2 * Math.PI * r.nextDouble(),
                    r.nextDouble() < 0.5 ? -1 : 1};
        }
        double shear = r.nextDouble() < shears ? MAX_SHEAR * (2 * r.nextDouble() - 1) : 0;
        return new Form(other, t, fill, warp, waves, shear);
    }

    /** Whether the kind is unmixed (captions may name it). */
    public boolean pureKind() {
        return t == 0;
    }

    /** Whether it is plainly filled or plainly an outline (captions may name the style). */
    public boolean pureStyle() {
        return fill == 0 || fill == 1;
    }

    /** The same fill and warp drawn as {@code k}, unmorphed (a twin of another kind). */
    public Form asKind(ShapeKind k) {
        return new Form(k, 0, fill, warp, waves, shear);
    }

    /** The same form with another fill (a twin in the other style). */
    public Form withFill(double f) {
        return new Form(other, t, f, warp, waves, shear);
    }
}
