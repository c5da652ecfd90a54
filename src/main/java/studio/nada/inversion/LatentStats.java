package studio.nada.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Truncation;

/** The mean W and the latents' spread, from 4096 fixed seeds through the mapping network (projector.py's 10000). */
final class LatentStats {
    private LatentStats() {}

    /** {mean [D], {std}}: std is sqrt of the mean squared distance to the mean, summed over dims. */
    static float[][] of(Generator g, NDManager parent) {
        long[] seeds = new long[Truncation.MEAN_SAMPLES];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = Truncation.MEAN_SEED + i;
        }
        try (GradMode off = GradMode.disabled(); StepScope s = StepScope.open(parent, g.arrays())) {
            NDArray w = g.style(Latents.zForSeeds(s.manager(), seeds, g.config().styleDim()));
            NDArray mean = w.mean(new int[] {0});
            double std = Math.sqrt(w.sub(mean).square().sum().getFloat() / seeds.length);
            return new float[][] {mean.toFloatArray(), {(float) std}};
        }
    }
}
