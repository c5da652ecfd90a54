package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The mean latent that truncation pulls toward: the checkpoint's {@code latent_avg} where it has
 * one, else one seeded mean of 4096 mapped samples (the same for every generator sharing the
 * mapping network, unlike the reference's unseeded per-generator means).
 */
public final class Truncation {
    public static final int MEAN_SAMPLES = 4096;
    public static final long MEAN_SEED = 0x5eed;

    private Truncation() {}

    /** [1, D] mean latent, computed without gradient on the generator's mapping network. */
    public static NDArray meanLatent(Generator g, NDArray latentAvg, NDManager manager) {
        if (latentAvg != null) {
            return latentAvg.reshape(1, -1);
        }
        long[] seeds = new long[MEAN_SAMPLES];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = MEAN_SEED + i;
        }
        NDArray z = Latents.zForSeeds(manager, seeds, g.config().styleDim());
        return g.meanLatent(z).stopGradient();
    }
}
