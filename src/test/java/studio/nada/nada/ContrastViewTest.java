package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.nn.HeapChurn;
import studio.nada.nn.Ops;

/** The outline's two aids: the contrast view CLIP reads, and the hold on the trained pictures' own background. */
class ContrastViewTest {
    /** A 1-channel 2×2 picture: background 0.8 in the corner, the rest as given. */
    private static NDArray picture(NDManager m, float... rest) {
        return m.create(new float[] {0.8f, rest[0], rest[1], rest[2]}, new Shape(1, 1, 2, 2));
    }

    /**
     * Departures from the frozen picture's corner, of either sign, are drawn darker by the gain and
     * clipped; the corner stays. A brightening reads as a tint of the same size does: clipped at
     * white, as the sign-keeping view drew it, it showed no more than in the plain view.
     */
    @Test
    void departuresFromTheBackgroundOfEitherSignAreDrawnDarkerByTheGain() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray frozen = picture(m, 0.8f, -0.6f, 0.7f);
            NDArray trained = picture(m, 0.7f, -0.6f, 0.9f);
            float tenth = (float) (0.8 - 3 * (Math.hypot(0.1, ContrastView.SMOOTH) - ContrastView.SMOOTH)); // ≈ 0.554
            assertArrayEquals(new float[] {0.8f, tenth, -1f, tenth}, ContrastView.of(trained, frozen, 3).toFloatArray(), 1e-6f,
                    "a tint of 0.1 and a brightening of 0.1 read as about 0.25 darker; the shape's own color clips");
            // read against the frozen picture's corner, not the trained one's: a tinted background shows
            NDArray tinted = m.create(new float[] {0.7f, 0.7f, 0.7f, 0.7f}, new Shape(1, 1, 2, 2));
            assertArrayEquals(new float[] {tenth, tenth, tenth, tenth}, ContrastView.of(tinted, frozen, 3).toFloatArray(), 1e-6f);
            // a rounding-sized departure stays the background (smoothed: no sign-sized pushes)
            NDArray rounded = picture(m, 0.800001f, -0.6f, 0.7f);
            assertEquals(0.8f, ContrastView.of(rounded, frozen, 3).getFloat(0, 0, 0, 1), 1e-6f);
        }
    }

    /**
     * The plain and the contrast view's losses are averaged with a half that backward can still
     * read after a garbage collection: DJL's x.mul(0.5f) freed its half right after the op, and now
     * and then a step's whole gradient came out scaled by whatever reused that memory (stop 50).
     */
    @Test
    void theTwoViewsAverageWithAHalfThatOutlivesTheGarbageCollector() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray x = Ops.toNative(root.create(new float[] {1, 2}, new Shape(2)));
            x.setRequiresGradient(true);
            float[] grad;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = ContrastView.average(x.sum(), x.square().sum());
                HeapChurn.churn();
                gc.backward(y);
                grad = x.getGradient().toFloatArray();
            }
            assertArrayEquals(new float[] {1.5f, 2.5f}, grad, 0f, "(1 + 2x) / 2");
        }
    }

    /**
     * The hold on the trained pictures' own background counts where the frozen picture is
     * background and nowhere else: what a change draws inside the shape costs nothing, a form
     * spilling out of it does.
     */
    @Test
    void theOwnBackgroundHoldCountsOnlyTheFrozenBackground() {
        NadaConfig config = NadaConfig.defaults("shape", "outline of a shape").withSourcePool(3).withHoldWeight(10)
                .withHoldBackground(true);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray frozen = picture(m, 0.8f, -0.6f, -0.6f); // two background pixels, two of the shape
            assertEquals(0, Hold.loss(config, frozen, picture(m, 0.8f, 0.8f, 0.2f)).getFloat(), 0,
                    "the shape's pixels may change");
            // one background pixel darkened by 0.5: 10 × (√(0.5² + s²) − s) / 4 pixels (near |Δ|,
            // so a faint tint weighs too)
            double s = Hold.SMOOTH;
            assertEquals(10 * (Math.hypot(0.5, s) - s) / 4, Hold.loss(config, frozen, picture(m, 0.3f, -0.6f, -0.6f)).getFloat(), 1e-6);
            // one tinted by 0.1: about 10 × 0.1 / 4 (squared it weighed 0.025)
            assertEquals(10 * (Math.hypot(0.1, s) - s) / 4, Hold.loss(config, frozen, picture(m, 0.7f, -0.6f, -0.6f)).getFloat(), 1e-6);
            // a rounding-sized difference costs, and pushes, next to nothing
            assertEquals(0, Hold.loss(config, frozen, picture(m, 0.800001f, -0.6f, -0.6f)).getFloat(), 1e-7);
        }
    }

    @Test
    void aGainOutsideTheRangeIsRefused() {
        NadaConfig config = NadaConfig.defaults("shape", "outline of a shape");
        assertEquals(0, config.contrastView(), "the paper reads the pictures as they are");
        assertEquals(3, config.withContrastView(3).contrastView());
        assertThrows(IllegalArgumentException.class, () -> config.withContrastView(0.5));
        assertThrows(IllegalArgumentException.class, () -> config.withContrastView(NadaConfig.MAX_CONTRAST_VIEW + 1));
        assertThrows(IllegalArgumentException.class, () -> config.withContrastView(Double.NaN));
    }
}
