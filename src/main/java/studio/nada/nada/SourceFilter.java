package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Noise;

/**
 * Picks, from a pool of codes, the {@code batch} whose frozen images CLIP reads as most like the
 * source description: the lowest projection of E_I onto ΔT (which points from source to
 * target), summed over the guides by weight. StyleGAN-NADA assumes every sample shows the source
 * domain (every FFHQ face is a "photo"); where the generator draws more than the source names (a
 * "red shape" among shapes of four colors), a sample that cannot move along ΔT cleanly is pushed
 * to move anyway, and the cheapest such move is one every sample shares: a tinted background, a
 * halo. Training on source samples only removes that push.
 */
final class SourceFilter {
    private SourceFilter() {}

    /**
     * The rows of {@code pool} ([P, n, d] W+) to train on: the indices, ascending, of the {@code
     * batch} most source-like. The frozen pass draws its noise from {@code rng}.
     */
    static long[] pick(Generator frozen, List<ClipGuide> guides, String source, String target, NDArray pool, int batch,
            RandomSource rng, NDManager m) {
        try (GradMode off = GradMode.disabled(); StepScope f = StepScope.open(m, frozen.arrays())) {
            guides.forEach(g -> f.attach(g.cachedArrays()));
            NDArray images = frozen.synthesis(pool, Noise.random(rng));
            NDArray score = null;
            for (ClipGuide g : guides) {
                NDArray along = g.imageFeatures(images).matMul(g.textDirection(source, target).transpose()).reshape(-1);
                NDArray w = along.mul(g.weight());
                score = score == null ? w : score.add(w);
            }
            float[] s = score.toFloatArray();
            long[] out = IntStream.range(0, s.length).boxed().sorted(Comparator.comparingDouble(i -> s[i])).limit(batch)
                    .mapToLong(Integer::longValue).sorted().toArray();
            return out;
        }
    }
}
