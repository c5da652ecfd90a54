package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;

/** The per-W+-layer weight change the layer map shows: zero where nothing moved, the right row where it did. */
class WeightChangeTest {
    @Test
    void onlyTheLayerThatReadsAMovedWeightChanges() throws Exception {
        GeneratorCheckpoint ckpt = ShapesWorld.generatorCheckpoint();
        try (NDManager root = TensorEngine.newManager(Device.cpu()); GradMode off = GradMode.disabled()) {
            Generator frozen = ckpt.build(root);
            Generator trained = ckpt.build(root);
            int n = frozen.config().nLatent();
            float[] none = WeightChange.relative(frozen, trained, root);
            assertEquals(n, none.length);
            for (float v : none) {
                assertEquals(0f, v, "an identical copy moved nothing");
            }
            // convs.1 reads w[2] (LayerMapping.CONSUMER): scaling its weight by 1.3 moves only row 2
            trained.params().get("convs.1.conv.weight").muli(1.3f);
            long arrays = root.getManagedArrays().size();
            float[] moved = WeightChange.relative(frozen, trained, root);
            assertEquals(arrays, root.getManagedArrays().size(), "no array is left behind");
            for (int j = 0; j < n; j++) {
                if (j == 2) {
                    // ‖0.3·w‖ over the layer's weights with the conv weight among them: above 0, at most 0.3
                    assertTrue(moved[j] > 0.01f && moved[j] <= 0.3f + 1e-6f, "row 2 moved " + moved[j]);
                } else {
                    assertEquals(0f, moved[j], "row " + j);
                }
            }
        }
    }
}
