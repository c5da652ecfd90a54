package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipTokenizer;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;

class NadaMemoryTest {
    /**
     * Every tensor of a step lives in the step's scope: 300 steps leave the live array count flat.
     * (A small learning rate: the golden generator is random, and at the default rate its
     * trajectory can blow up within 300 steps, which is a different test.)
     */
    @Test
    void threeHundredStepsLeaveTheArrayCountFlat() throws Exception {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator g = Generator.load(root, Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g_ema"));
            ClipModel clip = ClipModel.load(Checkpoints.tensors(Fixtures.golden("clip_tiny_state.pt")), root, 1, 2);
            try (ClipGuide guide = new ClipGuide("tiny", clip, ClipTokenizer.openAi(), 1.0, root);
                    NadaAdapter adapter = new NadaAdapter(g, List.of(guide),
                            NadaConfig.defaults("photo", "sketch").withIterations(301).withLayersK(3).withLr(2e-4),
                            RandomSource.engine(), root)) {
                adapter.step();
                int after1 = root.getManagedArrays().size();
                for (int i = 0; i < 299; i++) {
                    adapter.step();
                }
                assertEquals(after1, root.getManagedArrays().size(), "live arrays after 1 and after 300 steps");
                assertEquals(300, adapter.iteration());
            }
        }
    }
}
