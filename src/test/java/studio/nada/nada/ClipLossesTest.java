package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorEngine;
import studio.nada.toyworld.Scene;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeRenderer;
import studio.nada.toyworld.ShapesWorld;

/** The directional loss with and without a floor on |ΔI|, on the shipped Shapes CLIP. */
class ClipLossesTest {
    private static NDManager root;
    private static ClipGuide guide;
    private static NDArray src;
    private static NDArray toward;
    private static NDArray srcFeatures;
    private static NDArray direction;

    @BeforeAll
    static void setUp() throws Exception {
        root = TensorEngine.newManager(Device.cpu());
        guide = new ClipGuide("shapes", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root);
        Scene red = new Scene(ShapeKind.CIRCLE, ShapeColor.RED, 0.18, 0.5, 0.5);
        src = ShapeRenderer.toTensor(List.of(red), root);
        // the change the loss is asked about: the same circle, painted blue
        toward = ShapeRenderer.toTensor(List.of(red.withColor(ShapeColor.BLUE)), root).sub(src);
        try (GradMode off = GradMode.disabled()) {
            srcFeatures = guide.imageFeatures(src);
        }
        direction = guide.textDirection("red shape", "blue shape");
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    @Test
    void aFloorBelowTheEditLeavesTheReferenceLossUnchanged() {
        NDArray dst = src.add(toward);
        NDArray dstFeatures = guide.imageFeatures(dst);
        float reference = ClipLosses.directional(guide, srcFeatures, dstFeatures, dst, direction).getFloat();
        float explicitZero = ClipLosses.directional(guide, srcFeatures, dstFeatures, dst, direction, 0).getFloat();
        float floored = ClipLosses.directional(guide, srcFeatures, dstFeatures, dst, direction, 1e-3).getFloat();
        assertEquals(reference, explicitZero, 0f, "floor 0 is the reference's loss");
        assertEquals(reference, floored, 1e-6f, "|ΔI| is far above 0.001 for a full recolouring");
        assertTrue(reference < 0.5f, "painting the circle blue points along red → blue: " + reference);
    }

    @Test
    void theReferenceGradientGrowsAsTheEditVanishesAndTheFlooredOneStaysBounded() {
        double refTiny = gradientNorm(1e-4, 0);
        double refSmall = gradientNorm(1e-3, 0);
        double flooredTiny = gradientNorm(1e-4, 0.02);
        double flooredSmall = gradientNorm(1e-3, 0.02);
        // ΔI/|ΔI| has a gradient ~1/|ΔI|: a 10× smaller edit, a ~10× larger gradient
        assertTrue(refTiny > 5 * refSmall, "reference: " + refTiny + " at 1e-4 vs " + refSmall + " at 1e-3");
        // both edits are far below the floor, where the loss is linear in ΔI: the same gradient
        assertTrue(flooredTiny < 1.25 * flooredSmall && flooredSmall < 1.25 * flooredTiny,
                "floored: " + flooredTiny + " at 1e-4 vs " + flooredSmall + " at 1e-3");
        assertTrue(refTiny > 20 * flooredTiny, "the floor bounds it: " + refTiny + " vs " + flooredTiny);
    }

    /** |∂loss/∂dst| at dst = src + t·(blue − red). */
    private static double gradientNorm(double t, double floor) {
        try (NDManager m = root.newSubManager()) {
            NDArray dst = src.add(toward.mul(t));
            dst.attach(m);
            dst.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = ClipLosses.directional(guide, srcFeatures, guide.imageFeatures(dst), dst, direction, floor);
                gc.backward(loss);
            }
            return dst.getGradient().norm().getFloat();
        }
    }
}
