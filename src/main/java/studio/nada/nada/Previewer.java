package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Renders fixed seeds through a generator without gradient, with truncation toward a shared
 * mean latent and the stored noise maps, so previews do not flicker between refreshes.
 */
public final class Previewer {
    private final Generator mapping;
    private final NDArray meanLatent;

    /** @param mapping the generator whose (frozen, shared) mapping network makes w from z */
    public Previewer(Generator mapping, NDArray meanLatent) {
        this.mapping = mapping;
        this.meanLatent = meanLatent;
    }

    /** Images of {@code seeds} from {@code g} (tensor thread only). */
    public List<Images.Argb> render(Generator g, long[] seeds, double truncation) {
        try (GradMode off = GradMode.disabled();
                StepScope s = StepScope.open(g.params().manager(), g.arrays())) {
            if (mapping != g) {
                s.attach(mapping.arrays());
            }
            s.attach(List.of(meanLatent));
            NDManager m = s.manager();
            NDArray z = Latents.zForSeeds(m, seeds, g.config().styleDim());
            NDArray w = Latents.truncate(mapping.style(z), meanLatent, truncation);
            return Images.toArgb(g.synthesis(Latents.toWPlus(w, g.config().nLatent()), Noise.stored()));
        }
    }
}
