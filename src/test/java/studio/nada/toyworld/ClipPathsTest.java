package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.ClipGuide;

/** The paths read on exact renders: the judge finds each target at its end, and the shipped CLIPs know every target. */
class ClipPathsTest {
    @Test
    void everyPathEndsAtItsTargetAndTheShippedClipsPointThere() throws Exception {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            for (ClipGuide guide : ShapesWorld.guides(null, new double[] {1, 1}, root)) {
                List<ClipPaths.Curve> curves = ClipPaths.measure(guide, root);
                assertEquals(14, curves.size(), "six kind changes, the outline, the fade and six bent targets");
                int last = ClipPaths.STEPS.length - 1;
                for (ClipPaths.Curve c : curves.subList(0, 7)) {
                    String what = guide.name() + " " + c.name();
                    assertEquals(1.0, c.reached()[last], what + ": every render at t 1 is read as the target");
                    assertTrue(c.reached()[0] < 0.5, what + ": most renders at t 0.2 are not yet the target");
                    // measured 0.957–0.974 for the kinds and 0.820 for the outline on both shipped CLIPs
                    assertTrue(c.cos()[last] > 0.75, what + ": cos at the target " + c.cos()[last]);
                    assertTrue(c.cos()[last] > c.cos()[0], what + ": the target reads more like the change than t 0.2");
                }
                // where the outline's runs stall: a ring filled 0.2 of the way (t 0.8) reads as more of an
                // outline than the outline (measured 0.829 / 0.839 against 0.820 on the two CLIPs)
                ClipPaths.Curve outline = curves.get(6);
                ClipPaths.Curve fading = curves.get(7);
                assertEquals("outline by fading", fading.name());
                assertEquals(0, java.util.Arrays.stream(fading.reached()).sum(), "a faded shape is never an outline");
                assertTrue(outline.cos()[3] > outline.cos()[ClipPaths.STEPS.length - 1] + 0.003,
                        guide.name() + " outline " + java.util.Arrays.toString(outline.cos()));
                // a target bent by the largest warp reads as less of the change than the target itself
                // (measured 0.011–0.107 less on the shipped CLIPs)
                for (int i = 0; i < 6; i++) {
                    ClipPaths.Curve straight = curves.get(i);
                    ClipPaths.Curve bent = curves.get(8 + i);
                    assertEquals(straight.name() + " bent", bent.name());
                    assertTrue(bent.cos()[last] < straight.cos()[last] - 0.005, guide.name() + " " + bent.name() + " "
                            + bent.cos()[last] + " against " + straight.cos()[last]);
                }
            }
        }
    }

    @Test
    void thePeakAndTheJudgesThresholdAreReadOffTheCurve() {
        AttributeChange outline = AttributeChange.outline();
        ClipPaths.Curve stalls = new ClipPaths.Curve("outline", outline, new double[] {0.1, 0.4, 0.7, 0.83, 0.82, 0.82, 0.81},
                new double[] {0, 0, 0, 0, 1, 1, 1});
        assertEquals(0.8, stalls.peak());
        assertEquals(0.9, stalls.judgedFrom());
        ClipPaths.Curve never = new ClipPaths.Curve("outline", outline, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7},
                new double[7]);
        assertEquals(1.0, never.peak());
        assertTrue(Double.isNaN(never.judgedFrom()));
    }
}
