package studio.nada.inversion;

import ai.djl.ndarray.NDManager;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Noise;

/**
 * An inverted photo in another domain: its W+ latent and noise maps rendered by an adapted
 * generator (or a blend at any domain strength). The same latent and noise through the frozen
 * generator give the reconstruction, so what differs is the adaptation alone. Tensor thread only.
 */
public final class Translation {
    private Translation() {}

    public static Images.Argb render(Generator g, InversionResult.Latent latent) {
        if (latent.nLatent() != g.config().nLatent() || latent.styleDim() != g.config().styleDim()) {
            throw new IllegalArgumentException("the latent is for a generator with " + latent.nLatent() + " W+ layers of "
                    + latent.styleDim() + ", this one has " + g.config().nLatent() + " of " + g.config().styleDim()
                    + ": invert the photo with the base of this generator");
        }
        try (GradMode off = GradMode.disabled(); StepScope s = StepScope.open(g.params().manager(), g.arrays())) {
            NDManager m = s.manager();
            Noise noise = latent.noises().size() == g.config().numLayers() ? Noise.explicit(latent.noiseArrays(m))
                    : Noise.stored();
            return Images.toArgb(g.synthesis(latent.wPlusArray(m), noise)).get(0);
        }
    }
}
