package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import studio.nada.nn.Ops;

/**
 * Renders for CLIP's training, varied in what no caption speaks of: the shape's opacity (a faded
 * red is still red), a tint of the background, softness (a box blur, as generator samples are a
 * little soft) and pixel noise. A CLIP that never saw a tinted background reads it arbitrarily,
 * and NADA's directional loss, which only asks for a direction in CLIP space, then found
 * "red → blue" in a cyan background instead of a blue shape. The ranges stay small: a CLIP blind
 * to strong fading and blur let the adaptation fade the shapes into a blue haze.
 *
 * <p>Some shapes are painted in a blend of their color and another ({@link Blend}), and the
 * trainer makes their captions soft targets in the same shares (mixup): CLIP then sees the
 * colors between the named ones and its embedding moves steadily from red to blue along them,
 * which is the path NADA's gradient must follow to recolor a shape.
 */
public final class ClipAugment {
    private static final double MIN_OPACITY = 0.55;
    private static final double MAX_TINT = 0.12;
    private static final double MAX_NOISE = 0.08;
    private static final double BLUR_PROBABILITY = 0.4;

    /** A shape painted {@code share} of its own color and 1 − share of {@code other} (null: unblended). */
    public record Blend(ShapeColor other, double share) {
        static final Blend NONE = new Blend(null, 1);

        /** How far a caption is true of the blended picture: the shares of the colors it is true for. */
        public double truth(Caption caption, Scene scene) {
            double own = caption.matches(scene) ? share : 0;
            return other == null ? own : own + (caption.matches(scene.withColor(other)) ? 1 - share : 0);
        }
    }

    private final Random random;
    private final double blendProbability;

    /** @param blendProbability how often a shape's color is blended with another (0: never) */
    public ClipAugment(long seed, double blendProbability) {
        this.random = new Random(seed);
        this.blendProbability = blendProbability;
    }

    /** Whether and how to blend the next scene's color (draw it before {@link #batch}). */
    public Blend blend(Scene scene) {
        if (random.nextDouble() >= blendProbability) {
            return Blend.NONE;
        }
        ShapeColor[] all = ShapeColor.values();
        ShapeColor other = all[(scene.color().ordinal() + 1 + random.nextInt(all.length - 1)) % all.length];
        return new Blend(other, random.nextDouble());
    }

    /** The scenes with their blends, each drawn with fresh variations, as [B, 3, 64, 64] in [-1, 1]. */
    public NDArray batch(List<Scene> scenes, List<Blend> blends, NDManager manager) {
        int n = 3 * ShapeRenderer.SIZE * ShapeRenderer.SIZE;
        float[] all = new float[scenes.size() * n];
        for (int b = 0; b < scenes.size(); b++) {
            System.arraycopy(draw(scenes.get(b), blends.get(b)), 0, all, b * n, n);
        }
        return Ops.constant(manager, all, new Shape(scenes.size(), 3, ShapeRenderer.SIZE, ShapeRenderer.SIZE));
    }

    /** One varied drawing, CHW in [-1, 1]. */
    float[] draw(Scene scene, Blend blend) {
        int plane = ShapeRenderer.SIZE * ShapeRenderer.SIZE;
        float[] coverage = ShapeRenderer.render(scene).coverage();
        double opacity = MIN_OPACITY + (1 - MIN_OPACITY) * random.nextDouble();
        int[] own = scene.color().rgb();
        int[] other = blend.other() == null ? own : blend.other().rgb();
        float[] out = new float[3 * plane];
        for (int c = 0; c < 3; c++) {
            double bg = ShapeColor.BACKGROUND[c] / 255.0 + MAX_TINT * (2 * random.nextDouble() - 1);
            double color = (blend.share() * own[c] + (1 - blend.share()) * other[c]) / 255.0;
            for (int i = 0; i < plane; i++) {
                double a = opacity * coverage[i];
                out[c * plane + i] = (float) (a * color + (1 - a) * bg);
            }
        }
        float[] soft = random.nextDouble() < BLUR_PROBABILITY ? blur(out) : out;
        double sigma = MAX_NOISE * random.nextDouble();
        for (int i = 0; i < soft.length; i++) {
            soft[i] = (float) (2 * (soft[i] + sigma * random.nextGaussian()) - 1);
        }
        return soft;
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
