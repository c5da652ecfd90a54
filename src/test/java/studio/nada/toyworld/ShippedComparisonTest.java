package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;

/** The comparison {@code toyworld build} prints against the shipped models. */
class ShippedComparisonTest {
    @Test
    void theShippedModelsMatchThemselvesAndAChangedTensorShows(@TempDir Path dir) throws Exception {
        var ckpt = ShapesWorld.generatorCheckpoint();
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("g_ema", ckpt.stateDict());
        top.put("latent_avg", ckpt.latentAvg());
        TorchCheckpointWriter.write(dir.resolve(ShapesWorld.GENERATOR_FILE), top);
        Map<String, TensorData> clip = new LinkedHashMap<>(ShapesWorld.clipTensors(ShapesWorld.CLIP_FILE));
        Safetensors.write(dir.resolve(ShapesWorld.CLIP_FILE), clip, Map.of("format", "openai-clip"));
        Safetensors.write(dir.resolve(ShapesWorld.CLIP_B_FILE), ShapesWorld.clipTensors(ShapesWorld.CLIP_B_FILE),
                Map.of("format", "openai-clip"));
        ShapesVocabulary.write(dir.resolve(ShapesVocabulary.FILE), ShapesWorld.tokenizer().words());

        ShippedComparison same = ShippedComparison.of(dir);
        assertEquals(0, same.generatorMaxDiff());
        assertEquals(0, same.latentAvgMaxDiff());
        assertEquals(0, same.clipMaxDiff());
        assertEquals(0, same.clipBMaxDiff());
        assertTrue(same.within(0));

        String name = clip.keySet().iterator().next();
        float[] v = clip.get(name).toFloatArray();
        v[0] += 0.25f;
        clip.put(name, TensorData.ofFloats(clip.get(name).shape(), v));
        Safetensors.write(dir.resolve(ShapesWorld.CLIP_FILE), clip, Map.of("format", "openai-clip"));
        Files.write(dir.resolve(ShapesVocabulary.FILE), List.of("circle", "square"));
        ShippedComparison changed = ShippedComparison.of(dir);
        assertEquals(0.25, changed.clipMaxDiff(), 1e-6);
        assertFalse(changed.sameVocabulary());
        assertFalse(changed.within(1e-3));
    }
}
