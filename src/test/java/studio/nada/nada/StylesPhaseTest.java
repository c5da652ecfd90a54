package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.toyworld.ShapesWorld;

/** The styles preset trains the style affines and nothing else. */
class StylesPhaseTest {
    @Test
    void aStylesStepMovesOnlyTheModulation() throws Exception {
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator frozen = ShapesWorld.generatorCheckpoint().build(root);
            List<ClipGuide> guides = List.of(new ClipGuide("a", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root));
            NadaConfig config = ShapesWorld.recommended().config("triangle", "circle", 0)
                    .withLayerSelection(0, 0, LayerMapping.CONSUMER, PhasePreset.STYLES);
            try (NadaAdapter run = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root)) {
                run.step();
                int moved = 0;
                for (String name : SynthesisLayers.parameters(frozen)) {
                    float[] before = frozen.params().get(name).toFloatArray();
                    float[] after = run.trainable().params().get(name).toFloatArray();
                    boolean changed = !java.util.Arrays.equals(before, after);
                    if (name.contains(".modulation.")) {
                        moved += changed ? 1 : 0;
                    } else {
                        assertTrue(!changed, name + " changed in a styles step");
                    }
                }
                // 9 modulated convs and 5 to_rgbs, weight and bias each
                assertEquals(28, moved, "style affine tensors moved by the step");
            }
        }
    }
}
