package studio.nada.nada;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Adaptive layer freezing (the reference's {@code determine_opt_layers}): a batch of W+ codes
 * takes a few SGD steps on the global CLIP loss through the trainable generator, and the W+
 * indices that moved most choose the layers to train.
 */
public final class LayerSelector {
    /** The probe's result: a score per W+ index and the top-k indices, highest first. */
    public record Selection(float[] scores, int[] chosen) {}

    private static final float PROBE_LR = 0.01f;
    /** Codes run through generator and CLIP at once in the probe. */
    static final int PROBE_PART = 2;

    private LayerSelector() {}

    /**
     * @param targets per guide, the normalized embedding the global loss pulls toward
     */
    public static Selection select(Generator frozen, Generator trainable, List<ClipGuide> guides,
            List<NDArray> targets, int k, int batch, int iters, RandomSource rng, NDManager scope) {
        return select(frozen, trainable, guides, targets, k, batch, iters, rng, scope, PROBE_PART);
    }

    /** As above, {@code partSize} codes through generator and CLIP at a time. */
    static Selection select(Generator frozen, Generator trainable, List<ClipGuide> guides,
            List<NDArray> targets, int k, int batch, int iters, RandomSource rng, NDManager scope, int partSize) {
        int n = frozen.config().nLatent();
        NDArray z = rng.normal(scope, new Shape(batch, frozen.config().styleDim()));
        NDArray wInit;
        try (GradMode off = GradMode.disabled()) {
            wInit = Latents.toWPlus(frozen.style(z), n).duplicate();
        }
        // an independent copy (the reference's numpy round trip aliases it on CPU; its CUDA run copies)
        NDArray wCodes = wInit.duplicate();
        wCodes.setRequiresGradient(true);
        for (int it = 0; it < iters; it++) {
            // the batch runs in parts, each freed before the next: the loss is a mean of per-sample
            // terms and each code reaches only its own image, so the summed gradients are the whole
            // batch's, and the peak memory is a part's (a batch of 8 at 256 px held 17.8 GB)
            List<NDArray> noise = Noise.drawRandom(trainable, rng, batch, scope);
            for (int from = 0; from < batch; from += partSize) {
                int to = Math.min(batch, from + partSize);
                try (StepScope part = StepScope.open(scope, trainable.arrays())) {
                    guides.forEach(g -> part.attach(g.cachedArrays()));
                    part.attach(targets).attach(List.of(wCodes));
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray image = trainable.synthesis(wCodes.get(from + ":" + to), Noise.rows(noise, from, to));
                        NDArray loss = null;
                        for (int m = 0; m < guides.size(); m++) {
                            NDArray term = Ops.mul(ClipLosses.global(guides.get(m), image, targets.get(m)),
                                    guides.get(m).weight() * (to - from) / batch);
                            loss = loss == null ? term : loss.add(term);
                        }
                        gc.backward(loss);
                    }
                }
            }
            try (GradMode off = GradMode.disabled()) {
                NDArray grad = wCodes.getGradient();
                // w ← w − fl32(0.01·g): the reference's SGD step, so the tiny differences below match it
                wCodes.subi(Ops.mul(grad, PROBE_LR));
                grad.subi(grad);
            }
        }
        float[] s = scores(wInit, wCodes);
        return new Selection(s, topK(s, Math.min(k, n)));
    }

    /** Score per W+ index: mean over batch and style dims of |w+ − w+₀|, in float32 as the reference. */
    public static float[] scores(NDArray wInit, NDArray wAfter) {
        try (GradMode off = GradMode.disabled()) {
            return wAfter.sub(wInit).abs().mean(new int[] {2}).mean(new int[] {0}).toFloatArray();
        }
    }

    /** Indices of the k largest scores, largest first (ties: lower index first). */
    public static int[] topK(float[] scores, int k) {
        Integer[] idx = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        return Arrays.stream(idx).limit(k).mapToInt(Integer::intValue).toArray();
    }
}
