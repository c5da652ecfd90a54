package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import studio.nada.nn.Ops;

/**
 * Renders for CLIP's training, varied in what no caption speaks of: the shape's opacity (a faded
 * red is still red), a tint of the background, a glow of color beside the shape, softness (a box
 * blur, as generator samples are a little soft) and pixel noise; and shapes painted at any hue,
 * not only the four named ones. Each variation has coordinates of its own in
 * {@link EmbeddingLayout}, which no caption moves: StyleGAN-NADA's directional loss then sees a
 * tinted background or a faded shape as a change at right angles to every text direction, where
 * a CLIP taught to ignore them let a run find "red → blue" in a lavender background.
 */
public final class ClipAugment {
    /** The faintest a shape is drawn; the color's coordinates shrink with the opacity. */
    static final double MIN_OPACITY = 0.3;
    private static final double MAX_TINT = 0.12;
    private static final double MAX_NOISE = 0.08;
    private static final double BLUR_PROBABILITY = 0.4;
    private static final double GLOWS = 0.3;
    static final double MAX_GLOW = 0.3;

    /** A shape painted at any hue, for CLIP only: levels 0..255, its hue, and the named color whose band holds it (null: none). */
    public record HuePaint(double[] rgb, double hue, ShapeColor named) {
        /** How far a caption is true of the painted scene: a color it names must be the paint's. */
        public double truth(Caption caption, Scene scene, Form form) {
            if (caption.kind() != null && !form.pureKind() || caption.style() != null && !form.pureStyle()) {
                return 0;
            }
            if (!caption.matches(scene.withColor(caption.color() == null ? scene.color() : caption.color()))) {
                return 0;
            }
            return caption.color() == null || caption.color() == named ? 1 : 0;
        }
    }

    /** The variations of one drawing, so that a twin can be drawn with the same ones. */
    public record Nuisance(double opacity, double[] tint, boolean blur, double sigma, long noiseSeed, Glow glow) {
        /** No variation: the plain drawing. */
        public static final Nuisance NONE = new Nuisance(1, new double[3], false, 0, 0, Glow.NONE);

        /** The same variations with the shape drawn at {@code o} of its opacity. */
        public Nuisance withOpacity(double o) {
            return new Nuisance(o, tint, blur, sigma, noiseSeed, glow);
        }
    }

    /**
     * A soft patch of color on the background near the shape (what a run that tints only around
     * the shape draws): peak strength 0..{@link #MAX_GLOW}, center and spread in pixels, its color.
     */
    public record Glow(double strength, double x, double y, double spread, double[] rgb) {
        static final Glow NONE = new Glow(0, 0, 0, 1, new double[3]);
    }

    private final Random random;

    public ClipAugment(long seed) {
        this.random = new Random(seed);
    }

    /** The scene's own color ({@code freeProbability} 0) or, that often, a random saturated hue. */
    public HuePaint huePaint(Scene scene, double freeProbability) {
        if (random.nextDouble() >= freeProbability) {
            return ownPaint(scene);
        }
        double h = 360 * random.nextDouble();
        double sat = 0.72 + 0.16 * random.nextDouble();
        double val = 0.67 + 0.25 * random.nextDouble();
        return new HuePaint(hsv(h, sat, val), h, ShapeColor.ofHue(h));
    }

    /** The scene's own named color. */
    static HuePaint ownPaint(Scene scene) {
        int[] c = scene.color().rgb();
        return new HuePaint(new double[] {c[0], c[1], c[2]}, scene.color().hue(), scene.color());
    }

    /** Fresh variations for one drawing of {@code s}. */
    public Nuisance nuisance(Scene s) {
        double opacity = MIN_OPACITY + (1 - MIN_OPACITY) * random.nextDouble();
        double[] tint = new double[3];
        for (int c = 0; c < 3; c++) {
            tint[c] = MAX_TINT * (2 * random.nextDouble() - 1);
        }
        boolean blur = random.nextDouble() < BLUR_PROBABILITY;
        Glow glow = Glow.NONE;
        if (random.nextDouble() < GLOWS) {
            double r = s.radius() * ShapeRenderer.SIZE;
            glow = new Glow(MAX_GLOW * random.nextDouble(), s.cx() * ShapeRenderer.SIZE + r * random.nextGaussian(),
                    s.cy() * ShapeRenderer.SIZE + r * random.nextGaussian(), r * (1 + 1.5 * random.nextDouble()),
                    hsv(360 * random.nextDouble(), 0.5 + 0.5 * random.nextDouble(), 0.6 + 0.4 * random.nextDouble()));
        }
        return new Nuisance(opacity, tint, blur, MAX_NOISE * random.nextDouble(), random.nextLong(), glow);
    }

    /** Scenes in their paints with the given variations, [B, 3, 64, 64] in [-1, 1]. */
    public NDArray paintedBatch(List<Scene> scenes, List<Form> forms, List<HuePaint> paints, List<Nuisance> nuisances,
            NDManager manager) {
        int n = 3 * ShapeRenderer.SIZE * ShapeRenderer.SIZE;
        float[] all = new float[scenes.size() * n];
        for (int b = 0; b < scenes.size(); b++) {
            System.arraycopy(draw(scenes.get(b), forms.get(b), paints.get(b), nuisances.get(b)), 0, all, b * n, n);
        }
        return Ops.constant(manager, all, new Shape(scenes.size(), 3, ShapeRenderer.SIZE, ShapeRenderer.SIZE));
    }

    /** One drawing, CHW in [-1, 1]. */
    static float[] draw(Scene scene, Form form, HuePaint paint, Nuisance v) {
        return draw(FormRenderer.coverage(scene, form), paint.rgb(), v);
    }

    private static float[] draw(float[] coverage, double[] rgb, Nuisance v) {
        int plane = ShapeRenderer.SIZE * ShapeRenderer.SIZE;
        float[] out = new float[3 * plane];
        Glow g = v.glow();
        for (int c = 0; c < 3; c++) {
            double plain = ShapeColor.BACKGROUND[c] / 255.0 + v.tint()[c];
            double color = rgb[c] / 255.0;
            for (int i = 0; i < plane; i++) {
                double bg = plain;
                if (g.strength() > 0) {
                    double dx = i % ShapeRenderer.SIZE + 0.5 - g.x();
                    double dy = i / ShapeRenderer.SIZE + 0.5 - g.y();
                    double w = g.strength() * Math.exp(-(dx * dx + dy * dy) / (2 * g.spread() * g.spread()));
                    bg = (1 - w) * plain + w * g.rgb()[c] / 255.0;
                }
                double a = v.opacity() * coverage[i];
                out[c * plane + i] = (float) (a * color + (1 - a) * bg);
            }
        }
        float[] soft = v.blur() ? blur(out) : out;
        Random noise = new Random(v.noiseSeed());
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (float) (2 * (soft[i] + v.sigma() * noise.nextGaussian()) - 1);
        }
        return soft;
    }

    static double[] hsv(double h, double s, double v) {
        double c = v * s;
        double hp = (h % 360) / 60;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double[] rgb = switch ((int) hp) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        double m = v - c;
        return new double[] {255 * (rgb[0] + m), 255 * (rgb[1] + m), 255 * (rgb[2] + m)};
    }

    /** 3×3 box blur per channel, edges clamped. */
    private static float[] blur(float[] chw) {
        int s = ShapeRenderer.SIZE;
        int plane = s * s;
        float[] out = new float[chw.length];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    float sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = Math.min(s - 1, Math.max(0, y + dy));
                            int xx = Math.min(s - 1, Math.max(0, x + dx));
                            sum += chw[c * plane + yy * s + xx];
                        }
                    }
                    out[c * plane + y * s + x] = sum / 9;
                }
            }
        }
        return out;
    }
}
