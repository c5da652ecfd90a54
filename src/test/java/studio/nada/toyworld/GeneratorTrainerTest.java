package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.testing.Cli;

/** The generator's weight noise: the loss is taken at noisy weights, the update lands on the clean ones. */
class GeneratorTrainerTest {
    private static final String CONV = "convs.0.conv.weight";

    @Test
    void weightNoiseMovesTheLossButNotTheWeights() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            // rate 0: Adam changes nothing, so any change of a weight would be noise left behind
            GeneratorTrainer.Options still = new GeneratorTrainer.Options(2, 0, 2, 0, 5, 0);
            GeneratorTrainer clean = new GeneratorTrainer(root, ShapesModels.generator(), still);
            float[] before = clean.generator().params().get(CONV).toFloatArray();
            float cleanLoss = clean.synthesisStep();

            GeneratorTrainer noisy = new GeneratorTrainer(root, ShapesModels.generator(), still.withWeightNoise(0.5));
            assertArrayEquals(before, noisy.generator().params().get(CONV).toFloatArray(), "same draw, same start");
            float noisyLoss = noisy.synthesisStep();
            assertNotEquals(cleanLoss, noisyLoss, "the loss is taken at the noisy weights");
            assertArrayEquals(before, noisy.generator().params().get(CONV).toFloatArray(), 1e-5f,
                    "the clean weights come back after the step");
            assertTrue(Float.isFinite(noisyLoss));
        }
    }

    @Test
    void negativeWeightNoiseIsRefused() {
        Cli.Run r = Cli.run("toyworld", "build", "--out", "unused", "--weight-noise", "-0.1");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--weight-noise"), r.err());
    }
}
