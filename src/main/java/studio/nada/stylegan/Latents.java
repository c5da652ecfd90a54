package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import studio.nada.nn.Ops;

/** W / W+ helpers: repetition, truncation, style mixing, and seeded z. */
public final class Latents {
    private Latents() {}

    /** w [B, D] repeated to W+ [B, n, D]; W+ passes through. */
    public static NDArray toWPlus(NDArray w, int nLatent) {
        if (w.getShape().dimension() == 3) {
            return w;
        }
        return w.expandDims(1).repeat(1, nLatent);
    }

    /**
     * Truncation toward {@code mean}: mean + psi·(w − mean). psi = 1 leaves w unchanged, psi > 1
     * extrapolates away from the mean (as NVIDIA's StyleGAN2; rosinality's model.py ignores it).
     */
    public static NDArray truncate(NDArray w, NDArray mean, double psi) {
        if (!Double.isFinite(psi)) {
            throw new IllegalArgumentException("truncation psi must be a finite number, not " + psi);
        }
        if (psi == 1 || mean == null) {
            return w;
        }
        NDArray m = w.getShape().dimension() == 3 ? mean.reshape(1, 1, -1) : mean.reshape(1, -1);
        return m.add(Ops.mul(w.sub(m), psi));
    }

    /** Style mixing: layers [0, inject) from w1, [inject, n) from w2. */
    public static NDArray mix(NDArray w1, NDArray w2, int injectIndex, int nLatent) {
        if (injectIndex < 1 || injectIndex >= nLatent) {
            throw new IllegalArgumentException("inject index must be in [1, " + (nLatent - 1) + "], got " + injectIndex);
        }
        NDArray a = w1.expandDims(1).repeat(1, injectIndex);
        NDArray b = w2.expandDims(1).repeat(1, nLatent - injectIndex);
        return a.concat(b, 1);
    }

    /** z for a seed: standard normal from java.util.Random, the same on every device and machine. */
    public static float[] zForSeed(long seed, int styleDim) {
        Random r = new Random(seed);
        float[] z = new float[styleDim];
        for (int i = 0; i < styleDim; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return z;
    }

    /** z [seeds.length, D] for a list of seeds. */
    public static NDArray zForSeeds(NDManager manager, long[] seeds, int styleDim) {
        float[] all = new float[seeds.length * styleDim];
        for (int i = 0; i < seeds.length; i++) {
            System.arraycopy(zForSeed(seeds[i], styleDim), 0, all, i * styleDim, styleDim);
        }
        return Ops.constant(manager, all, new Shape(seeds.length, styleDim));
    }
}
