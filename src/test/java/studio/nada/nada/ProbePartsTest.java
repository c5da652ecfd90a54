package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.stylegan.Generator;
import studio.nada.toyworld.ShapesWorld;

/** The layer probe run in parts of its batch scores the layers as the whole batch does. */
class ProbePartsTest {
    @Test
    void partsScoreAsTheWholeBatch() throws Exception {
        try (TensorThread thread = new TensorThread("probe-test")) {
            thread.submit(() -> {
                try (NDManager root = TensorEngine.newManager(Device.cpu())) {
                    Generator frozen = ShapesWorld.generatorCheckpoint().build(root);
                    Generator trainable = new Generator(frozen.config(), frozen.params().copy(root));
                    try (ClipGuide guide = new ClipGuide("shapes", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0,
                            root)) {
                        NDArray target = guide.rawText("blue shape");
                        RandomSource rng = RandomSource.engine();
                        float[][] scores = new float[3][];
                        int[] parts = {6, 2, 4};
                        for (int i = 0; i < parts.length; i++) {
                            rng.reseed(11);
                            try (NDManager m = root.newSubManager()) {
                                scores[i] = LayerSelector.select(frozen, trainable, List.of(guide), List.of(target), 3,
                                        6, 2, rng, m, parts[i]).scores();
                            }
                        }
                        assertArrayEquals(scores[0], scores[1], 1e-6f, "parts of 2");
                        assertArrayEquals(scores[0], scores[2], 1e-6f, "parts of 4 and 2");
                    }
                }
                return null;
            }).join();
        }
    }
}
