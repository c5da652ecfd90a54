package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * The codes a run trains on when its model set filters for the source: of {@link #BANK} z drawn
 * once, the share batch/pool whose frozen images CLIP reads as most like the source (the lowest
 * projection of E_I onto ΔT, which points from source to target, summed over the guides by
 * weight). StyleGAN-NADA assumes every sample shows the source domain (every FFHQ face is a
 * "photo"); where the generator draws more than the source names (a "red shape" among shapes of
 * four colors), a sample that cannot move along ΔT cleanly is pushed to move anyway, and the
 * cheapest such move is one every sample shares: a tinted background, a halo. Training on source
 * samples only removes that push. The frozen generator never changes, so the codes are scored
 * once, not every step.
 */
final class SourceFilter {
    /** Codes scored at the start of a run. */
    static final int BANK = 256;
    private static final int PART = 16;

    private SourceFilter() {}

    /**
     * The codes of one run: {@code source}, the most source-like; {@code held}, the most target-like
     * (those that do not show the source, which the run should leave as they are); the whole bank's
     * z [BANK × style_dim, row-major] and each code's score (lower: more source-like).
     */
    record Codes(NDArray source, NDArray held, Frozen frozen, float[] bankZ, float[] bankScores) {}

    /**
     * What the frozen generator makes of the kept codes, kept from the scoring pass: per guide, the
     * source codes' image features [keep, D], and the held and the source codes' images
     * [keep, 3, H, W] (null when neither a hold nor the contrast view asks for them). The frozen
     * generator never changes, so where its pictures depend on the code alone (no noise, no mixing)
     * a step can read them here instead of drawing them again.
     */
    record Frozen(List<NDArray> sourceFeatures, NDArray heldImages, NDArray sourceImages) {}

    /**
     * z of the {@code keep} most source-like of {@link #BANK} codes drawn from {@code
     * Random(seed)}, [keep, style_dim], on {@code owner}: the same codes every time the run starts.
     */
    static NDArray bank(Generator frozen, List<ClipGuide> guides, String source, String target, int keep, long seed,
            NDManager owner) {
        return split(frozen, guides, source, target, keep, seed, owner).source();
    }

    /**
     * {@link #bank}'s codes, and the {@code keep} least source-like of the same draw: the codes
     * CLIP reads as nearest the target end of ΔT. Those hold back the moves every sample shares (a
     * halo, a tinted background) without fighting the change itself: a green shape held while blue →
     * green is learned (or a circle while square → circle) is one the change should not touch. Holding
     * the middle too (half the draw) held back kind and size changes, which the generator draws
     * through features the kinds and sizes share.
     */
    static Codes split(Generator frozen, List<ClipGuide> guides, String source, String target, int keep, long seed,
            NDManager owner) {
        return split(frozen, guides, source, target, keep, seed, owner, false, false);
    }

    /**
     * As above; with {@code keepFeatures} the result also carries the source codes' frozen image
     * features, and with {@code keepImages} the held and source codes' frozen images ({@link Frozen}).
     */
    static Codes split(Generator frozen, List<ClipGuide> guides, String source, String target, int keep, long seed,
            NDManager owner, boolean keepFeatures, boolean keepImages) {
        int d = frozen.config().styleDim();
        Random r = new Random(seed * 0x5DEECE66DL + 11);
        float[] z = new float[BANK * d];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        float[] score = new float[BANK];
        float[][] features = new float[guides.size()][];
        float[] images = null;
        Shape imageShape = null;
        try (GradMode off = GradMode.disabled(); StepScope f = StepScope.open(owner, frozen.arrays())) {
            guides.forEach(g -> f.attach(g.cachedArrays()));
            NDArray all = f.manager().create(z, new Shape(BANK, d));
            for (int from = 0; from < BANK; from += PART) {
                try (NDManager part = f.manager().newSubManager()) {
                    NDArray codes = all.get(from + ":" + (from + PART));
                    codes.attach(part);
                    NDArray pictures = frozen.synthesis(Latents.toWPlus(frozen.style(codes), frozen.config().nLatent()),
                            Noise.stored());
                    List<NDArray> partFeatures = guides.stream().map(g -> g.imageFeatures(pictures)).toList();
                    System.arraycopy(score(guides, source, target, partFeatures), 0, score, from, PART);
                    if (keepFeatures) {
                        for (int gi = 0; gi < guides.size(); gi++) {
                            features[gi] = into(features[gi], partFeatures.get(gi).toFloatArray(), from);
                        }
                    }
                    if (keepImages) {
                        imageShape = pictures.getShape();
                        images = into(images, pictures.toFloatArray(), from);
                    }
                }
            }
        }
        float[] negated = new float[BANK];
        for (int i = 0; i < BANK; i++) {
            negated[i] = -score[i];
        }
        int[] sourceRows = lowest(score, keep);
        int[] heldRows = lowest(negated, keep);
        Frozen kept = null;
        if (keepFeatures) {
            List<NDArray> sourceFeatures = new java.util.ArrayList<>();
            for (float[] all : features) {
                int width = all.length / BANK;
                sourceFeatures.add(rows(all, width, sourceRows, owner));
            }
            NDArray held = null;
            NDArray shown = null;
            if (keepImages) {
                long[] one = imageShape.slice(1).getShape();
                Shape each = new Shape(keep, one[0], one[1], one[2]);
                int picture = images.length / BANK;
                held = rows(images, picture, heldRows, owner).reshape(each);
                shown = rows(images, picture, sourceRows, owner).reshape(each);
            }
            kept = new Frozen(sourceFeatures, held, shown);
        }
        return new Codes(rows(z, d, sourceRows, owner), rows(z, d, heldRows, owner), kept, z, score);
    }

    /** {@code part}, a run of rows of a BANK-row table, copied into it at row {@code from} (made on first use). */
    private static float[] into(float[] table, float[] part, int from) {
        float[] t = table == null ? new float[part.length / PART * BANK] : table;
        System.arraycopy(part, 0, t, from * (part.length / PART), part.length);
        return t;
    }

    private static NDArray rows(float[] z, int d, int[] rows, NDManager owner) {
        float[] kept = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(z, rows[i] * d, kept, i * d, d);
        }
        return owner.create(kept, new Shape(rows.length, d));
    }

    /** Per image, E_I·ΔT summed over the guides by weight: the lower, the more like the source. */
    static float[] score(List<ClipGuide> guides, String source, String target, List<NDArray> features) {
        NDArray score = null;
        for (int gi = 0; gi < guides.size(); gi++) {
            ClipGuide g = guides.get(gi);
            NDArray along = features.get(gi).matMul(g.textDirection(source, target).transpose()).reshape(-1);
            NDArray w = along.mul(g.weight());
            score = score == null ? w : score.add(w);
        }
        return score.toFloatArray();
    }

    /** Indices of the {@code n} lowest scores, ascending by index. */
    static int[] lowest(float[] score, int n) {
        return IntStream.range(0, score.length).boxed().sorted(Comparator.comparingDouble(i -> score[i])).limit(n)
                .mapToInt(Integer::intValue).sorted().toArray();
    }

    /** How many of the bank a run keeps: the share batch/pool, at least the batch. */
    static int keep(int batch, int pool) {
        return Math.max(batch, (int) Math.round((double) BANK * batch / pool));
    }
}
