package studio.nada.stylegan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.testing.Close;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;
import studio.nada.weights.WeightsFormatException;

class GeneratorCheckpointTest {
    @Test
    void torchCheckpointGivesTheSameImagesAsTheSafetensorsCopy() throws Exception {
        GeneratorCheckpoint ckpt = GeneratorCheckpoint.read(Fixtures.golden("sg2_tiny.pt"), null);
        Map<String, TensorData> io = Safetensors.read(Fixtures.golden("sg2_tiny_io.safetensors")).tensors();
        assertEquals(73, ckpt.stateDict().size());
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            Generator g = ckpt.build(root);
            assertEquals(32, g.config().size());
            assertEquals(4, g.config().nMlp());
            assertEquals(8, g.config().nLatent());
            try (StepScope s = StepScope.open(root, g.arrays())) {
                NDArray z = io.get("z").toNDArray(s.manager());
                NDArray img = g.synthesis(Latents.toWPlus(g.style(z), 8), Noise.stored());
                Close.assertClose(io.get("img_z"), img, 1e-4, "img_z from sg2_tiny.pt");
                // latent_avg is stored 1-D; it equals the io file's mean_latent
                Close.assertClose(io.get("mean_latent"), ckpt.latentAvg(s.manager()), 0, "latent_avg");
            }
        }
    }

    @Test
    void missingGeneratorKeyListsTheFileKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.pt");
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("model", Map.of("w", TensorData.ofFloats(new long[] {2}, new float[] {1, 2})));
        TorchCheckpointWriter.write(file, top);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> GeneratorCheckpoint.read(file, null));
        assertTrue(e.getMessage().contains("has no 'g_ema' generator; its top-level keys are [model]"), e.getMessage());
        assertThrows(WeightsFormatException.class, () -> GeneratorCheckpoint.read(file, "g"));
    }

    @Test
    void mismatchedCheckpointNamesTheFirstBadKey(@TempDir Path dir) throws Exception {
        Map<String, TensorData> sd = new LinkedHashMap<>(
                Safetensors.read(Fixtures.golden("sg2_tiny_weights.safetensors")).tensors());
        sd.remove("convs.3.noise.weight");
        Path file = dir.resolve("broken.pt");
        TorchCheckpointWriter.write(file, Map.of("g_ema", sd));
        GeneratorCheckpoint ckpt = GeneratorCheckpoint.read(file, null);
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ckpt.build(root));
            assertTrue(e.getMessage().contains("missing key 'convs.3.noise.weight'"), e.getMessage());
        }
        sd.put("convs.3.noise.weight", TensorData.ofFloats(new long[] {2}, new float[] {0, 0}));
        TorchCheckpointWriter.write(file, Map.of("g_ema", sd));
        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GeneratorCheckpoint.read(file, null).build(root));
            assertTrue(e.getMessage().contains("key 'convs.3.noise.weight' has shape (2), expected [1]"), e.getMessage());
        }
    }

    @Test
    void aCheckpointThatIsNoGeneratorIsRefused() {
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> GeneratorCheckpoint.read(Fixtures.golden("clip_tiny_state.pt"), null));
        assertTrue(e.getMessage().contains("has no 'g_ema' generator"), e.getMessage());
    }
}
