package studio.nada.inversion;

import ai.djl.ndarray.NDArray;

/**
 * The seam for an encoder (e4e, ReStyle, pSp): an aligned image [1,3,S,S] in [-1,1] to a W+
 * latent [n_latent·D] that the {@link Projector} starts from instead of the mean latent, so the
 * optimization only refines it (at a tenth of the learning rate, without jitter). None ships:
 * optimization alone is the default.
 */
@FunctionalInterface
public interface Encoder {
    float[] encode(NDArray aligned);

    /** Starts a projection from this encoder's guess. */
    default Projector.Session start(Projector projector, NDArray aligned) {
        return projector.start(aligned, encode(aligned));
    }
}
