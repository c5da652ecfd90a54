package studio.nada.stylegan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;

class GeneratorMemoryTest {
    /** Every tensor a forward pass makes lives in its scope: 200 passes leave the count unchanged. */
    @Test
    void twoHundredForwardPassesLeaveNoArraysBehind() {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator g = GeneratorInit.random(root, GeneratorConfig.standard(32, 64, 2, 1).withChannels(16));
            int before = root.getManagedArrays().size();
            for (int i = 0; i < 200; i++) {
                try (StepScope s = StepScope.open(root, g.arrays())) {
                    RandomSource rng = RandomSource.engine();
                    g.synthesis(Latents.toWPlus(g.style(rng.normal(s.manager(), new Shape(2, 64))), 8),
                            i % 2 == 0 ? Noise.stored() : Noise.random(rng)).sum().getFloat();
                }
            }
            assertEquals(before, root.getManagedArrays().size());
        }
    }
}
