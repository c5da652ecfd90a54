package studio.nada.nada.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.nada.mapper.LatentMapper.PixelNormAxis;
import studio.nada.stylegan.Latents;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.StateDicts;
import studio.nada.weights.TensorData;

class LatentMapperTest {
    private static LatentMapper mapper(NDManager m, int dim, int n, PixelNormAxis axis) {
        TensorEngine.seed(11);
        return LatentMapper.random(dim, n, axis, RandomSource.engine(), m);
    }

    /** The reference's state dict: three levels × four linears (index 0 is the PixelNorm). */
    @Test
    void keysAndShapesAreTheReferences() {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 18, PixelNormAxis.CHANNELS)) {
            List<String> expected = new ArrayList<>();
            for (String level : List.of("course_mapping", "medium_mapping", "fine_mapping")) {
                for (int i = 1; i <= 4; i++) {
                    expected.add("mapper." + level + ".mapping." + i + ".weight");
                    expected.add("mapper." + level + ".mapping." + i + ".bias");
                }
            }
            Map<String, TensorData> sd = mp.toTensors();
            assertEquals(expected, new ArrayList<>(sd.keySet()));
            assertArrayEquals(new long[] {64, 64}, sd.get("mapper.fine_mapping.mapping.4.weight").shape());
            assertArrayEquals(new long[] {64}, sd.get("mapper.course_mapping.mapping.1.bias").shape());
            // init as EqualLinear(lr_mul 0.01): randn / 0.01, so std ≈ 100; biases 0
            float[] w = sd.get("mapper.medium_mapping.mapping.2.weight").toFloatArray();
            double var = 0;
            for (float v : w) {
                var += v * v;
            }
            double std = Math.sqrt(var / w.length);
            assertTrue(std > 95 && std < 105, "weight std " + std + " (4096 draws: ±3%)");
            assertEquals(0.0, sd.get("mapper.medium_mapping.mapping.2.bias").sum());
        }
    }

    /**
     * ŵ = w + 0.1·M(w), and M(w) at init is of order one (PixelNorm gives unit RMS; equalized
     * linears with the √2 gain keep it), so the edit is a small, non-zero move.
     */
    @Test
    void editIsWPlusATenthOfTheMapping() {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 18, PixelNormAxis.CHANNELS)) {
            NDArray w = Latents.toWPlus(Latents.zForSeeds(m, new long[] {1, 2}, 64), 18);
            NDArray delta = mp.forward(w);
            assertArrayEquals(new long[] {2, 18, 64}, delta.getShape().getShape());
            NDArray edit = mp.edit(w);
            assertArrayEquals(delta.mul(0.1f).toFloatArray(), edit.sub(w).toFloatArray(), 1e-6f);
            double rms = Math.sqrt(delta.square().mean().getFloat());
            assertTrue(rms > 0.1 && rms < 10, "RMS of M(w) at init: " + rms);
        }
    }

    /** n_latent 8: the fine range [8, 8) is empty and skipped; its weights exist but change nothing. */
    @Test
    void smallGeneratorsUseTwoLevels() {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 8, PixelNormAxis.CHANNELS)) {
            NDArray w = Latents.toWPlus(Latents.zForSeeds(m, new long[] {3, 4}, 64), 8);
            float[] before = mp.forward(w).toFloatArray();
            assertEquals(24, mp.parameters().size());
            mp.parameters().get("mapper.fine_mapping.mapping.1.weight").muli(0f);
            assertArrayEquals(before, mp.forward(w).toFloatArray(), 0f);
            mp.parameters().get("mapper.medium_mapping.mapping.1.weight").muli(0.5f);
            float[] after = mp.forward(w).toFloatArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(before, 0, 4 * 64),
                    java.util.Arrays.copyOfRange(after, 0, 4 * 64), 0f, "coarse rows untouched");
        }
    }

    /**
     * The reference's PixelNorm over dim 1: equal W+ rows normalize element-wise to w/√(w² + 1e-8),
     * i.e. sign(w) wherever |w| ≫ 1e-4 (here |w| ≥ 0.01, so within 5e-5 relative).
     */
    @Test
    void referencePixelNormSeesTheSignOfRepeatedRows() {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 8, PixelNormAxis.W_PLUS_ROWS)) {
            NDArray z = Latents.zForSeeds(m, new long[] {5}, 64);
            NDArray w = Latents.toWPlus(z.abs().maximum(0.01f).mul(z.sign()), 8);
            assertArrayEquals(mp.forward(w.sign()).toFloatArray(), mp.forward(w).toFloatArray(), 1e-4f);
        }
    }

    @Test
    void savedFilesLoadBack(@TempDir Path dir) throws Exception {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 10, PixelNormAxis.CHANNELS)) {
            NDArray w = Latents.toWPlus(Latents.zForSeeds(m, new long[] {6, 7}, 64), 10);
            float[] expected = mp.edit(w).toFloatArray();
            Path st = dir.resolve("mapper.safetensors");
            Path pt = dir.resolve("mapper.pt");
            MapperCheckpoint.writeSafetensors(st, mp, "a sketch");
            MapperCheckpoint.writeTorch(pt, mp, null, "a sketch");
            for (Path file : List.of(st, pt)) {
                try (LatentMapper back = MapperCheckpoint.read(file, 10, PixelNormAxis.CHANNELS, m)) {
                    assertArrayEquals(expected, back.edit(w).toFloatArray(), 0f, file.getFileName().toString());
                }
            }
            // the coach's layout: {"state_dict": {mapper.*}, "opts": {...}}
            Map<?, ?> top = (Map<?, ?>) Checkpoints.read(pt);
            assertEquals(mp.toTensors().keySet(), StateDicts.flatten(top.get("state_dict")).keySet());
            assertEquals("LevelsMapper", ((Map<?, ?>) top.get("opts")).get("mapper_type"));
            assertEquals(Boolean.FALSE, ((Map<?, ?>) top.get("opts")).get("no_fine_mapper"));
        }
    }

    @Test
    void rejectsTheWrongWPlus() {
        try (NDManager m = TensorEngine.newManager(Device.cpu()); LatentMapper mp = mapper(m, 64, 8, PixelNormAxis.CHANNELS)) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> mp.forward(m.zeros(new Shape(2, 10, 64))));
            assertTrue(e.getMessage().contains("[B, 8, 64]"), e.getMessage());
        }
    }
}
