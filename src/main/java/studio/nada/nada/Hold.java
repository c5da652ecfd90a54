package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import studio.nada.nn.Ops;

/**
 * The hold: the held codes' trained pictures kept near the frozen generator's, holdWeight × mean
 * squared pixel difference. Shared moves (a halo, a tinted background) show on them; the change
 * itself does not, since they already look like the target. With {@link NadaConfig#holdBackground}
 * only the frozen pictures' background counts, by the mean (smoothed) absolute difference: a change every
 * sample shows (an outline) must move the held shapes too; and the same loss holds the trained
 * pictures' own background.
 */
final class Hold {
    /** Largest difference, in [−1, 1] pixel units on any channel, from a picture's corner that is still its background. */
    static final float BACKGROUND_TOLERANCE = 0.1f;
    /** The background hold is √(Δ² + SMOOTH²) − SMOOTH per pixel: |Δ| above a hundredth of a level, quadratic below. */
    static final float SMOOTH = 1e-4f;

    private Hold() {}

    /**
     * The hold's loss: {@code trained} [N, C, H, W], rows of the trained pass (the held ones; with
     * holdBackground also the trained ones); {@code frozen} the same codes' frozen pictures.
     */
    static NDArray loss(NadaConfig config, NDArray frozen, NDArray trained) {
        if (config.holdBackground()) {
            // near absolute, not squared: a faint tint over the whole background (the fine layers shift
            // every pixel alike) is held as firmly as a strong one; squared, a 0.1 tint weighed 0.01.
            // Smooth below SMOOTH: at the first step the trained pictures equal the frozen ones up to
            // float rounding (~1e-6), and |Δ|'s gradient, sign(Δ), would turn that rounding into
            // full-size pushes. Smoothed to a level (0.01) instead, the runs failed 5 times in 23 (stop 48)
            NDArray near = Ops.smoothAbs(trained.sub(frozen), SMOOTH);
            return Ops.mul(near.mul(backgroundMask(frozen)).mean(), config.holdWeight());
        }
        return Ops.mul(trained.sub(frozen).square().mean(), config.holdWeight());
    }

    /**
     * 1 where a picture [N, C, H, W] is within {@link #BACKGROUND_TOLERANCE} of its own top-left
     * pixel on every channel (a plain background, as the Shapes world draws), else 0; [N, 1, H, W].
     */
    static NDArray backgroundMask(NDArray pictures) {
        NDArray corner = pictures.get(":, :, 0:1, 0:1");
        return pictures.sub(corner).abs().max(new int[] {1}, true).lt(BACKGROUND_TOLERANCE)
                .toType(DataType.FLOAT32, false);
    }
}
