package studio.nada.nada.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;

class RangerTest {
    /**
     * f(p) = ½(p − 3)², p₀ = 0, lr 0.5, the reference's defaults. Expected weights after each
     * step, computed by hand (scalar doubles) from ranger.py's formulas: steps 1–5 are momentum
     * SGD (N_sma = 1.0, 2.0, 3.0, 4.0, 4.996 ≤ 5), step 6 is the first rectified step (N_sma
     * 5.994) and also the first Lookahead sync (fast 4.2378 → slow 0 + ½·4.2378), the next at 12.
     * Tolerance 1e-5 relative: float32 arithmetic over 13 steps of values ~3.
     */
    private static final double[] EXPECTED = {1.5, 2.615384615384616, 3.4071664531787236, 3.93064678098032,
        4.235577065438032, 2.118896262356736, 2.123009267844564, 2.1291426862233664, 2.137331272067907,
        2.147562316264251, 2.159796000705268, 2.146436351692092, 2.1625503115441806};

    @Test
    void followsRAdamAndLookaheadOnAQuadratic() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray p = root.zeros(new Shape(1));
            Ranger ranger = new Ranger(Ranger.Hyper.mapper(0.5), root);
            ranger.initState(Map.of("p", p));
            for (int t = 0; t < EXPECTED.length; t++) {
                try (StepScope s = StepScope.open(root, java.util.List.of(p)).attach(ranger.arrays())) {
                    NDArray grad = p.sub(3f);
                    ranger.step(Map.of("p", p), Map.of("p", grad));
                }
                assertEquals(EXPECTED[t], p.getFloat(0), 1e-5 * 3, "weight after step " + (t + 1));
            }
            assertEquals(EXPECTED.length, ranger.step("p"));
        }
    }

    /** First step of a 2-D weight: centralized gradient, step size 1/(1−β1), so p − lr·(g − row mean). */
    @Test
    void centralizesGradientsOfMatrices() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray w = root.zeros(new Shape(2, 2));
            NDArray b = root.zeros(new Shape(2));
            Ranger ranger = new Ranger(Ranger.Hyper.mapper(0.5), root);
            ranger.initState(Map.of("w", w, "b", b));
            NDArray gw = root.create(new float[] {1, 3, 2, 6}, new Shape(2, 2));
            NDArray gb = root.create(new float[] {1, 3});
            ranger.step(Map.of("w", w, "b", b), Map.of("w", gw, "b", gb));
            assertArrayEquals(new float[] {0.5f, -0.5f, 1f, -1f}, w.toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {-0.5f, -1.5f}, b.toFloatArray(), 1e-6f, "1-D: not centralized");
        }
    }

    @Test
    void stateRoundTrips() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            NDArray p = root.zeros(new Shape(1));
            NDArray q = root.zeros(new Shape(1));
            Ranger a = new Ranger(Ranger.Hyper.mapper(0.5), root);
            Ranger b = new Ranger(Ranger.Hyper.mapper(0.5), root);
            for (int t = 0; t < 4; t++) {
                a.step(Map.of("p", p), Map.of("p", p.sub(3f)));
            }
            q.addi(p);
            b.load(a.toTensors());
            for (int t = 0; t < 4; t++) {
                a.step(Map.of("p", p), Map.of("p", p.sub(3f)));
                b.step(Map.of("p", q), Map.of("p", q.sub(3f)));
            }
            assertEquals(p.getFloat(0), q.getFloat(0), 0f, "resumed run steps exactly as the uninterrupted one");
            assertEquals(8, b.step("p"));
        }
    }
}
