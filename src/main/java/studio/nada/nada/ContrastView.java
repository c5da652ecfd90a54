package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import studio.nada.engine.GradMode;
import studio.nada.nn.Ops;

/**
 * A second way for CLIP to read a picture: each pixel's departure from the frozen picture's
 * background (the top-left pixel), of either sign, drawn that much darker times a gain, clipped to
 * the pixel range. Not in the reference.
 *
 * <p>Why: a small CLIP reads a ring whose inside keeps a faint tint of the shape's color as much
 * an outline as a clean one (docs/shapes_eval.md, stop 47), so the directional loss stops at
 * tinted rings. Tripled, that tint is plain to it. Why darker for either sign: the background is
 * nearly white (232 of 255), so a view that kept the sign clipped a brightening at white, where it
 * looked no different than in the plain view, and the outline's runs that failed washed the rings'
 * insides whiter than the background (stop 49). The plain view is kept beside this one (the loss
 * is their mean): clipped, a faded color looks as strong as the frozen one here.
 */
final class ContrastView {
    /**
     * A departure's size is √(Δ² + SMOOTH²) − SMOOTH: |Δ| above a few levels, quadratic below, so
     * that where the trained picture equals the frozen one up to float rounding (the background,
     * the first step) the sign of that rounding does not flip CLIP's gradient pixel by pixel.
     */
    static final float SMOOTH = 0.02f;

    private ContrastView() {}

    /**
     * {@code pictures} [B, C, H, W] in [−1, 1], read against {@code frozen}'s background (the
     * same codes' frozen pictures, or the pictures themselves): corner − gain·|picture − corner|
     * per channel, |·| smoothed below {@link #SMOOTH}.
     */
    static NDArray of(NDArray pictures, NDArray frozen, double gain) {
        NDArray corner = frozen.get(":, :, 0:1, 0:1").stopGradient();
        return corner.sub(Ops.mul(Ops.smoothAbs(pictures.sub(corner), SMOOTH), (float) gain)).clip(-1, 1);
    }

    /**
     * The directional loss averaged over the plain view ({@code plain}, already computed) and the
     * contrast view of the trained pictures against their frozen twins.
     */
    static NDArray directional(ClipGuide guide, NadaConfig config, NDArray plain, NDArray frozen, NDArray trained) {
        NDArray frozenFeatures;
        try (GradMode off = GradMode.disabled()) {
            frozenFeatures = guide.imageFeatures(of(frozen, frozen, config.contrastView()));
        }
        NDArray view = of(trained, frozen, config.contrastView());
        NDArray seen = ClipLosses.directional(guide, frozenFeatures, guide.imageFeatures(view), view,
                guide.textDirection(config.source(), config.target()), config.directionFloor());
        return average(plain, seen);
    }

    /**
     * (a + b) / 2 with the half in libtorch's memory ({@link Ops#mul}): DJL's own x.mul(0.5f) frees
     * its scalar right after the op, and backward read it from memory the garbage collector had
     * reused, so now and then a step's whole gradient came out scaled by garbage (10¹⁷–10³⁴: the
     * outline's frozen and collapsed runs until stop 50).
     */
    static NDArray average(NDArray a, NDArray b) {
        return Ops.mul(a.add(b), 0.5);
    }
}
