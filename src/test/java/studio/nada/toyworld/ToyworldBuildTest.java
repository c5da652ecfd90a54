package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.clip.ClipModel;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.testing.Cli;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** {@code toyworld build} with a few steps: loadable outputs, and the same numbers twice. */
class ToyworldBuildTest {
    @Test
    void sameSeedSameModels(@TempDir Path dir) throws Exception {
        Cli.Run a = Cli.run("toyworld", "build", "--out", dir.resolve("a").toString(), "--seed", "3",
                "--generator-steps", "3", "--mapping-steps", "3", "--clip-steps", "3", "--log-every", "1");
        Cli.Run b = Cli.run("toyworld", "build", "--out", dir.resolve("b").toString(), "--seed", "3",
                "--generator-steps", "3", "--mapping-steps", "3", "--clip-steps", "3", "--log-every", "1");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        assertEquals(losses(a.out()), losses(b.out()));
        for (String f : List.of(ShapesWorld.GENERATOR_FILE, ShapesWorld.CLIP_FILE, ShapesWorld.CLIP_B_FILE,
                ShapesVocabulary.FILE, ShapesWorld.RECOMMENDED_FILE,
                "samples_generator.png", "samples_renders.png")) {
            assertTrue(Files.exists(dir.resolve("a").resolve(f)), f);
        }
        // same thread count, same op order: identical up to float rounding
        assertSameTensors(GeneratorCheckpoint.read(dir.resolve("a/" + ShapesWorld.GENERATOR_FILE), null).stateDict(),
                GeneratorCheckpoint.read(dir.resolve("b/" + ShapesWorld.GENERATOR_FILE), null).stateDict());
        for (String clip : List.of(ShapesWorld.CLIP_FILE, ShapesWorld.CLIP_B_FILE)) {
            assertSameTensors(Safetensors.read(dir.resolve("a/" + clip)).tensors(),
                    Safetensors.read(dir.resolve("b/" + clip)).tensors());
        }

        try (NDManager root = TensorEngine.newManager(Device.cpu())) {
            GeneratorCheckpoint ckpt = GeneratorCheckpoint.read(dir.resolve("a/" + ShapesWorld.GENERATOR_FILE), null);
            assertEquals(ShapesModels.generator(), ckpt.build(root).config());
            assertEquals(ShapesModels.STYLE_DIM, ckpt.latentAvg().numel());
            try (ClipModel clip = ShapesWorld.loadClip(dir.resolve("a/" + ShapesWorld.CLIP_FILE), root)) {
                assertEquals(4, clip.config().visionHeads());
                assertEquals(4, clip.config().textHeads());
            }
        }
        Cli.Run s = Cli.run("toyworld", "sample", "--out", dir.resolve("s").toString(),
                "--checkpoint", dir.resolve("a/" + ShapesWorld.GENERATOR_FILE).toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.exists(dir.resolve("s/samples_generator.png")));
    }

    private static List<String> losses(String out) {
        return out.lines().filter(l -> l.contains(" loss ")).map(l -> l.replaceAll("\\(.*s\\)", "")).toList();
    }

    private static void assertSameTensors(Map<String, TensorData> a, Map<String, TensorData> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 1e-6f, k);
        }
    }
}
