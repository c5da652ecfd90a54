package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An annealed run: the learning rate falls linearly to 0, and an update larger than RMS 1 (a
 * gradient spike after small ones, which β1 = 0 passes straight through) is scaled down to it.
 */
class AnnealTest {
    @Test
    void theLearningRateFallsLinearlyToZero() {
        NadaConfig plain = NadaConfig.defaults("shape", "outline of a shape").withIterations(200).withLr(0.008);
        assertFalse(plain.anneal(), "the paper keeps its rate");
        assertEquals(0.008, plain.lrAt(150), 0);
        NadaConfig annealed = plain.withAnneal(true);
        assertEquals(0.008, annealed.lrAt(0), 0);
        assertEquals(0.004, annealed.lrAt(100), 1e-12);
        assertEquals(0.008 / 200, annealed.lrAt(199), 1e-12);
        assertEquals(0, annealed.lrAt(250), 0, "past its planned steps the rate stays 0, never negative");
    }

    @Test
    void aSpikeMovesNoFurtherThanRmsOneTimesTheRate() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] spike = {1000f, 0f, 0f, 0f};
            float[][] moved = new float[2][];
            for (int clip = 0; clip <= 1; clip++) {
                Adam adam = new Adam(new Adam.Hyper(0.01, 0.0, Math.pow(0.99, 0.8), 1e-8), m);
                NDArray p = m.zeros(new ai.djl.ndarray.types.Shape(4));
                for (int i = 0; i < 50; i++) {
                    adam.step(Map.of("p", p), Map.of("p", m.create(new float[] {0.001f, 0.001f, 0.001f, 0.001f})),
                            0.01, clip);
                }
                float[] before = p.toFloatArray();
                adam.step(Map.of("p", p), Map.of("p", m.create(spike)), 0.01, clip);
                float[] after = p.toFloatArray();
                moved[clip] = new float[4];
                for (int j = 0; j < 4; j++) {
                    moved[clip][j] = after[j] - before[j];
                }
            }
            // unclipped: v was ~1e-6, so the spike's weight moves lr·√(bias correction / (1 − β2)), 6.5·lr
            // this early in a run (up to 1/√(1 − β2) ≈ 11·lr later); the others do not move
            double b2 = Math.pow(0.99, 0.8);
            assertEquals(-0.01 * Math.sqrt((1 - Math.pow(b2, 51)) / (1 - b2)), moved[0][0], 1e-4);
            // clipped: the update's RMS over the tensor is 1, so the spiked weight moves 2·lr (√4) and the others almost not
            double rms = 0;
            for (float d : moved[1]) {
                rms += d * d / 4;
            }
            assertEquals(0.01, Math.sqrt(rms), 1e-5);
            assertEquals(-0.02, moved[1][0], 1e-4);
        }
    }

    @Test
    void aSmallUpdateIsNotClipped() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] out = new float[2][];
            for (int clip = 0; clip <= 1; clip++) {
                Adam adam = new Adam(new Adam.Hyper(0.01, 0.0, Math.pow(0.99, 0.8), 1e-8), m);
                NDArray p = m.create(new float[] {0.5f, -0.5f, 0.25f, 0f});
                for (int i = 0; i < 5; i++) {
                    adam.step(Map.of("p", p), Map.of("p", m.create(new float[] {0.1f, -0.2f, 0.3f, 0.05f})), 0.01, clip);
                }
                out[clip] = p.toFloatArray();
            }
            // a steady gradient gives updates of magnitude at most 1 per weight: the clip leaves them as they are
            assertArrayEquals(out[0], out[1], 1e-6f);
        }
    }
}
