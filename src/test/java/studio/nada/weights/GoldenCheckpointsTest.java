package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.nada.testing.Fixtures;

/** The golden checkpoints: key lists, shapes and dtypes as golden MANIFEST sections 4.6 and 5.6 list them. */
class GoldenCheckpointsTest {
    private static JsonNode meta() throws Exception {
        return new ObjectMapper().readTree(Fixtures.golden("golden_meta.json").toFile());
    }

    /** [[name, shape, dtype], ...] from golden_meta.json against the tensors read. */
    private static void assertEntries(JsonNode expected, Map<String, TensorData> actual) {
        List<String> names = new ArrayList<>();
        expected.forEach(e -> names.add(e.get(0).asText()));
        assertEquals(names, new ArrayList<>(actual.keySet()));
        for (JsonNode e : expected) {
            TensorData t = actual.get(e.get(0).asText());
            long[] shape = new long[e.get(1).size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = e.get(1).get(i).asLong();
            }
            assertArrayEquals(shape, t.shape(), e.get(0).asText());
            DType dtype = switch (e.get(2).asText()) {
                case "float32" -> DType.F32;
                case "float16" -> DType.F16;
                case "int64" -> DType.I64;
                default -> throw new AssertionError(e);
            };
            assertEquals(dtype, t.dtype(), e.get(0).asText());
        }
    }

    @Test
    void stylegan2CheckpointsHoldGEmaAndLatentAvg() throws Exception {
        for (String name : List.of("sg2_tiny", "sg2_tiny64")) {
            Object tree = Checkpoints.read(Fixtures.golden(name + ".pt"));
            Map<?, ?> top = assertInstanceOf(Map.class, tree);
            assertEquals(List.of("g_ema", "latent_avg"), new ArrayList<>(top.keySet()));
            assertArrayEquals(new long[] {64}, ((TensorData) top.get("latent_avg")).shape());
            Map<String, TensorData> gEma = Checkpoints.stateDict(Fixtures.golden(name + ".pt"), "g_ema");
            assertEntries(meta().get("sg2").get(name).get("state_dict"), gEma);
            // the same weights as the safetensors copy, bit for bit
            Map<String, TensorData> st = Safetensors.read(Fixtures.golden(name + "_weights.safetensors")).tensors();
            for (Map.Entry<String, TensorData> e : gEma.entrySet()) {
                assertEquals(st.get(e.getKey()).bytes(), e.getValue().bytes(), e.getKey());
            }
        }
    }

    @Test
    void missingKeyListsTheTopLevelKeys() {
        WeightsFormatException e = assertThrows(WeightsFormatException.class,
                () -> Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g"));
        assertTrue(e.getMessage().contains("[g_ema, latent_avg]"), e.getMessage());
    }

    @Test
    void clipStateDictMatchesManifest() throws Exception {
        assertEntries(meta().get("clip").get("state_dict"), Checkpoints.tensors(Fixtures.golden("clip_tiny_state.pt")));
    }

    @Test
    void torchScriptArchiveGivesItsAttributeTensors() throws Exception {
        Checkpoints.Contents c = Checkpoints.load(Fixtures.golden("clip_tiny_jit.pt"));
        assertEquals(Checkpoints.Format.TORCHSCRIPT, c.format());
        PickledObject module = assertInstanceOf(PickledObject.class, c.tree());
        assertEquals("__torch__.clip.model.CLIP", module.className());
        Map<String, TensorData> jit = StateDicts.flatten(c.tree());
        assertEquals(65, jit.size());
        assertEntries(meta().get("clip").get("jit_state_dict"), jit);
        assertEquals(32L, (long) jit.get("input_resolution").getDouble(0));
        // fp16 in the archive, the same numbers as the F32 state dict (the fixture rounded them to fp16)
        Map<String, TensorData> state = Checkpoints.tensors(Fixtures.golden("clip_tiny_state.pt"));
        for (Map.Entry<String, TensorData> e : state.entrySet()) {
            assertArrayEquals(e.getValue().toFloatArray(), jit.get(e.getKey()).toFloatArray(), 0f, e.getKey());
        }
    }

    @Test
    void torchScriptConstantsAreRead() throws Exception {
        TorchZipReader.Archive a = TorchZipReader.read(Fixtures.golden("clip_tiny_jit.pt"));
        Map<String, TensorData> constants = StateDicts.flatten(a.constants());
        assertEquals(6, constants.size());
        assertArrayEquals(new long[] {77, 77}, constants.get("[3]").shape());
    }

    @Test
    void nadaCheckpointHoldsOptimizerState() throws Exception {
        Map<?, ?> top = assertInstanceOf(Map.class, Checkpoints.read(Fixtures.golden("nada_tiny_after3.pt")));
        assertEquals(List.of("g_ema", "g_optim"), new ArrayList<>(top.keySet()));
        assertEntries(meta().get("sg2").get("sg2_tiny").get("state_dict"),
                Checkpoints.stateDict(Fixtures.golden("nada_tiny_after3.pt"), "g_ema"));
        Map<?, ?> optim = (Map<?, ?>) top.get("g_optim");
        Map<?, ?> state = (Map<?, ?>) optim.get("state");
        assertEquals(52, state.size());
        Map<?, ?> group = (Map<?, ?>) ((List<?>) optim.get("param_groups")).get(0);
        assertEquals(0.0016, (Double) group.get("lr"), 1e-12);
        assertEquals(List.of(0.0, 0.9919919678228657), group.get("betas"));
        assertEquals(60, ((List<?>) group.get("params")).size());
        TensorData step = (TensorData) ((Map<?, ?>) state.get(8L)).get("step");
        assertEquals(3.0, step.getDouble(0));
    }
}
