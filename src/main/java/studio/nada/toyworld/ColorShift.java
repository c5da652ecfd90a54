package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Whether an adaptation recolored the Shapes world, judged by pixel statistics, not by CLIP: for
 * each seed the frozen and the adapted sample (z from {@link Latents#zForSeed}, stored noise,
 * no truncation, as {@code generate} draws them) are compared by dominant color and mask IoU.
 */
public final class ColorShift {
    /** One seed: colors before and after (null without a shape) and the IoU of the two masks. */
    public record Sample(long seed, ShapeColor before, ShapeColor after, double iou) {
        /** Now of {@code color}, not before, and the same shape in place (IoU ≥ {@code minIou}). */
        public boolean recolored(ShapeColor color, double minIou) {
            return after == color && before != color && iou >= minIou;
        }
    }

    private static final int BATCH = 32;

    private ColorShift() {}

    /**
     * The first {@code count} seeds from 0 up whose frozen sample's dominant color is {@code color}:
     * the samples an adaptation away from that color is judged on.
     */
    public static long[] seedsOfColor(Generator g, ShapeColor color, int count, NDManager parent) {
        long[] out = new long[count];
        int found = 0;
        for (long start = 0; found < count; start += BATCH) {
            if (start > 100L * count + 1000) {
                throw new IllegalStateException("fewer than " + count + " " + color.word() + " samples in the first "
                        + start + " seeds");
            }
            long[] seeds = LongStream.range(start, start + BATCH).toArray();
            List<Images.Argb> pictures = samples(g, seeds, parent);
            for (int i = 0; i < seeds.length && found < count; i++) {
                if (new ShapeStats(pictures.get(i)).dominantColor() == color) {
                    out[found++] = seeds[i];
                }
            }
        }
        return out;
    }

    /** Frozen vs adapted sample statistics for each seed. */
    public static List<Sample> compare(Generator frozen, Generator adapted, long[] seeds, NDManager parent) {
        List<Images.Argb> a = samples(frozen, seeds, parent);
        List<Images.Argb> b = samples(adapted, seeds, parent);
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            ShapeStats sa = new ShapeStats(a.get(i));
            ShapeStats sb = new ShapeStats(b.get(i));
            out.add(new Sample(seeds[i], sa.dominantColor(), sb.dominantColor(), ShapeStats.iou(sa.mask(), sb.mask())));
        }
        return out;
    }

    /** The samples of {@code g} for {@code seeds}, as {@code generate} draws them. */
    public static List<Images.Argb> samples(Generator g, long[] seeds, NDManager parent) {
        try (GradMode off = GradMode.disabled(); StepScope scope = StepScope.open(parent, g.arrays())) {
            NDArray z = Latents.zForSeeds(scope.manager(), seeds, g.config().styleDim());
            NDArray img = g.synthesis(Latents.toWPlus(g.style(z), g.config().nLatent()), Noise.stored());
            return Images.toArgb(img);
        }
    }
}
