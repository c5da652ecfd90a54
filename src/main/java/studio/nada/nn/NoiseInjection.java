package studio.nada.nn;

import ai.djl.ndarray.NDArray;

/** rosinality's NoiseInjection: adds a learned scalar times a per-pixel noise map. */
public final class NoiseInjection {
    private final NDArray weight;

    public NoiseInjection(ParameterStore params, String prefix) {
        this.weight = params.get(prefix + ".weight", 1);
    }

    public NDArray weight() {
        return weight;
    }

    /** image [B,C,H,W] + weight * noise [1 or B, 1, H, W]. */
    public NDArray forward(NDArray image, NDArray noise) {
        return image.add(weight.mul(noise));
    }
}
