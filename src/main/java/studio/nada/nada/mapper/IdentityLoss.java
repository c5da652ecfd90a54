package studio.nada.nada.mapper;

import ai.djl.ndarray.NDArray;

/**
 * The reference's optional identity loss (a face-recognition network, IR-SE50 in the reference,
 * comparing G(ŵ) with G(w)). The studio ships none; a trainer without one skips the term.
 */
@FunctionalInterface
public interface IdentityLoss {
    /** A scalar loss for edited images {@code xHat} against the originals {@code x}, both [B, 3, H, W]. */
    NDArray loss(NDArray xHat, NDArray x);
}
