package studio.nada.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Renders an export's images on the tensor thread: seeds mapped to w by the frozen mapping
 * network (NADA never trains it, so both generators share it), truncated toward the mean latent,
 * drawn with the stored noise so a frozen image and its adapted twin differ only by the
 * adaptation. A walk interpolates between the seeds' w, so its frames are the generator's own.
 */
final class ExportRenderer {
    private static final int BATCH = 8;

    private final Generator mapping;
    private final NDArray meanLatent;
    private final double truncation;

    ExportRenderer(Generator mapping, NDArray meanLatent, double truncation) {
        this.mapping = mapping;
        this.meanLatent = meanLatent;
        this.truncation = truncation;
    }

    /** w [n, D] of {@code seeds}, as plain floats (they outlive every step scope). */
    float[][] ws(long[] seeds) {
        float[][] out = new float[seeds.length][];
        for (int start = 0; start < seeds.length; start += BATCH) {
            long[] part = Arrays.copyOfRange(seeds, start, Math.min(seeds.length, start + BATCH));
            try (GradMode off = GradMode.disabled(); StepScope s = scope(mapping)) {
                NDManager m = s.manager();
                NDArray w = mapping.style(Latents.zForSeeds(m, part, mapping.config().styleDim()));
                if (meanLatent != null) {
                    w = Latents.truncate(w, meanLatent, truncation);
                }
                int d = mapping.config().styleDim();
                float[] flat = w.toFloatArray();
                for (int i = 0; i < part.length; i++) {
                    out[start + i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                }
            }
        }
        return out;
    }

    /** Images of the given w from {@code g}, a batch at a time. */
    List<Images.Argb> render(Generator g, float[][] ws) {
        List<Images.Argb> out = new ArrayList<>();
        int d = g.config().styleDim();
        for (int start = 0; start < ws.length; start += BATCH) {
            int n = Math.min(ws.length, start + BATCH) - start;
            float[] flat = new float[n * d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(ws[start + i], 0, flat, i * d, d);
            }
            try (GradMode off = GradMode.disabled(); StepScope s = scope(g)) {
                NDArray w = s.manager().create(flat, new ai.djl.ndarray.types.Shape(n, d));
                out.addAll(Images.toArgb(g.synthesis(Latents.toWPlus(w, g.config().nLatent()), Noise.stored())));
            }
        }
        return out;
    }

    /** {@code frames} points on a closed loop through {@code ws}, eased so each seed is dwelt on. */
    static float[][] walk(float[][] ws, int frames) {
        float[][] out = new float[frames][];
        int k = ws.length;
        for (int f = 0; f < frames; f++) {
            double pos = (double) f * k / frames;
            int a = (int) Math.floor(pos) % k, b = (a + 1) % k;
            double t = pos - Math.floor(pos);
            double e = t * t * (3 - 2 * t); // smoothstep: rest at each seed, move in between
            float[] w = new float[ws[a].length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) ((1 - e) * ws[a][i] + e * ws[b][i]);
            }
            out[f] = w;
        }
        return out;
    }

    /** Domain strength of each morph frame: 0 → {@code strength} → 0, eased, so the loop is seamless. */
    static double[] morph(int frames, double strength) {
        double[] out = new double[frames];
        for (int f = 0; f < frames; f++) {
            double t = 0.5 - 0.5 * Math.cos(2 * Math.PI * f / frames);
            out[f] = strength * t;
        }
        return out;
    }

    private StepScope scope(Generator g) {
        StepScope s = StepScope.open(g.params().manager(), g.arrays());
        if (g != mapping) {
            s.attach(mapping.arrays());
        }
        if (meanLatent != null) {
            s.attach(List.of(meanLatent));
        }
        return s;
    }
}
