package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import studio.nada.engine.GradMode;
import studio.nada.export.Images;
import studio.nada.nada.ClipGuide;

/**
 * How a CLIP reads the way from a change's source to its target, on exact renders: a kind morphed
 * t of the way to the target kind ({@link Form}), or an interior whose fill falls from 1 to 1 − t
 * (the outline), or the whole shape fading. At each t, cos(ΔI, ΔT) as StyleGAN-NADA's directional loss sees it (ΔI from the
 * t = 0 render, ΔT over the prompt templates), and the share of renders the pixel judge reads as
 * the target.
 *
 * <p>Why: the directional loss only asks that ΔI point along ΔT. Where the curve peaks before the
 * judge reads the target, a run can meet the loss without reaching it, and more steps do not
 * help. The shipped CLIPs read a ring with its interior filled 0.2 of the way as more of an outline
 * than the outline itself: that is where the outline's runs stop, at tinted rings.
 */
public final class ClipPaths {
    /** How far along each path the renders lie. */
    public static final double[] STEPS = {0.2, 0.4, 0.6, 0.8, 0.9, 0.95, 1};

    /** One path read by one CLIP: mean cos(ΔI, ΔT) and the judge's share of the target at each step. */
    public record Curve(String name, AttributeChange change, double[] cos, double[] reached) {
        /** The step where cos(ΔI, ΔT) is highest: 1 when the loss pulls all the way to the target. */
        public double peak() {
            int best = 0;
            for (int i = 1; i < cos.length; i++) {
                if (cos[i] > cos[best]) {
                    best = i;
                }
            }
            return STEPS[best];
        }

        /** The first step at which the judge reads at least half of the renders as the target (NaN: none). */
        public double judgedFrom() {
            for (int i = 0; i < reached.length; i++) {
                if (reached[i] >= 0.5) {
                    return STEPS[i];
                }
            }
            return Double.NaN;
        }
    }

    private ClipPaths() {}

    /**
     * The six kind changes, the outline, the outline "by fading" (the whole shape's opacity
     * falling to 0, a way a run can take toward the words without drawing an outline), and the six
     * kind changes' targets "bent" (a warp of up to {@link Form#MAX_WARP} pixels growing with t),
     * read by {@code guide} on 36 scenes each.
     */
    public static List<Curve> measure(ClipGuide guide, NDManager manager) {
        List<Curve> out = new ArrayList<>(kindChanges(guide, "", to -> (s, t) -> plain(s, new Form(to, t, 1, 0,
                new double[4][4])), manager));
        List<Scene> all = scenes(ShapeKind.values(), false);
        out.add(measure(guide, AttributeChange.outline(), "", all, (s, t) -> plain(s, Form.plain(s).withFill(1 - t)),
                manager));
        // the way a run can cheat toward "outline": the whole shape fading into the background
        out.add(measure(guide, AttributeChange.outline(), " by fading", all, (s, t) -> ClipAugment.draw(s,
                Form.plain(s), ClipAugment.ownPaint(s), ClipAugment.Nuisance.NONE.withOpacity(1 - t)), manager));
        // the target kind bent ever more by a smooth warp: where these stay near the kind changes' curves at t 1,
        // CLIP hardly tells a bowed shape from the target, and a run may stop at one
        out.addAll(kindChanges(guide, " bent", to -> (s, t) -> t == 0 ? plain(s, Form.plain(s))
                : plain(s, new Form(to, 1, 1, t * Form.MAX_WARP, BEND)), manager));
        return out;
    }

    /** Each of the six kind changes, its scenes drawn t of the way by {@code drawingTo} of the target kind. */
    private static List<Curve> kindChanges(ClipGuide guide, String way,
            Function<ShapeKind, BiFunction<Scene, Double, float[]>> drawingTo, NDManager manager) {
        List<Curve> out = new ArrayList<>();
        for (ShapeKind from : ShapeKind.values()) {
            for (ShapeKind to : ShapeKind.values()) {
                if (from != to) {
                    out.add(measure(guide, AttributeChange.kind(from, to), way, scenes(new ShapeKind[] {from}, true),
                            drawingTo.apply(to), manager));
                }
            }
        }
        return out;
    }

    /** One smooth bow across the picture in each axis (x moves with y, y with x), up to the warp in pixels. */
    private static final double[][] BEND = {{0, 1, 0, 2}, {0, 0, 0, 0}, {1, 0, 0, 2}, {0, 0, 0, 0}};

    private static float[] plain(Scene s, Form f) {
        return ClipAugment.draw(s, f, ClipAugment.ownPaint(s), ClipAugment.Nuisance.NONE);
    }

    static Curve measure(ClipGuide guide, AttributeChange change, String way, List<Scene> scenes,
            BiFunction<Scene, Double, float[]> drawing, NDManager manager) {
        double[] cos = new double[STEPS.length];
        double[] reached = new double[STEPS.length];
        try (GradMode off = GradMode.disabled(); NDManager m = manager.newSubManager()) {
            NDArray dt = guide.textDirection(change.source(), change.target()).reshape(-1);
            for (Scene s : scenes) {
                int n = STEPS.length + 1;
                int plane = 3 * ShapeRenderer.SIZE * ShapeRenderer.SIZE;
                float[] all = new float[n * plane];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(drawing.apply(s, i == 0 ? 0 : STEPS[i - 1]), 0, all, i * plane, plane);
                }
                add(guide, change, dt, m.create(all, new Shape(n, 3, ShapeRenderer.SIZE, ShapeRenderer.SIZE)), cos, reached);
            }
        }
        return curve(change.name() + way, change, cos, reached, scenes.size());
    }

    /**
     * Adds one path's reading to the sums: {@code images} [1 + STEPS, 3, H, W], the start (t 0)
     * first, then each step's picture.
     */
    static void add(ClipGuide guide, AttributeChange change, NDArray dt, NDArray images, double[] cos,
            double[] reached) {
        NDArray e = guide.imageFeatures(images);
        List<Images.Argb> pictures = Images.toArgb(images);
        for (int i = 1; i <= STEPS.length; i++) {
            NDArray di = e.get(i).sub(e.get(0));
            cos[i - 1] += di.dot(dt).getFloat() / Math.max(1e-12, di.norm().getFloat());
            reached[i - 1] += change.showsTarget().test(ShapeLook.of(pictures.get(i))) ? 1 : 0;
        }
    }

    /** The curve of {@code paths} paths' summed readings. */
    static Curve curve(String name, AttributeChange change, double[] cos, double[] reached, int paths) {
        for (int i = 0; i < STEPS.length; i++) {
            cos[i] /= paths;
            reached[i] /= paths;
        }
        return new Curve(name, change, cos, reached);
    }

    /** Every color and size of the given kinds, in three cells (diagonal, or the center only). */
    private static List<Scene> scenes(ShapeKind[] kinds, boolean threeCells) {
        List<Scene> out = new ArrayList<>();
        for (ShapeKind k : kinds) {
            for (ShapeColor c : ShapeColor.values()) {
                for (ShapeSize z : ShapeSize.values()) {
                    for (int cell = threeCells ? 0 : 1; cell <= (threeCells ? 2 : 1); cell++) {
                        out.add(Scene.of(k, c, z, cell, 2 - cell));
                    }
                }
            }
        }
        return out;
    }
}
