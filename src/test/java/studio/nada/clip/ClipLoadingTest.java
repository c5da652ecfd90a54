package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.TensorData;

/** Name mapping, config inference and the errors a wrong file gets. */
class ClipLoadingTest {
    @Test
    void huggingFaceNamesGiveTheSameModel() {
        Map<String, TensorData> openAi = Golden.read("clip_tiny_weights.safetensors");
        Map<String, TensorData> io = Golden.read("clip_tiny_io.safetensors");
        try (NDManager root = Golden.cpuManager();
                ClipModel a = ClipModel.load(openAi, root, 1, 2);
                ClipModel b = ClipModel.load(toHuggingFace(openAi), root, 1, 2)) {
            assertEquals(a.config(), b.config());
            NDArray images = io.get("images").toNDArray(root);
            NDArray tokens = io.get("tokens").toNDArray(root);
            // same numbers, same ops: only the packing differs, so the results are identical
            assertEquals(0.0, maxDiff(a.encodeImage(images), b.encodeImage(images)), 0.0);
            assertEquals(0.0, maxDiff(a.encodeText(tokens), b.encodeText(tokens)), 0.0);
            assertEquals(a.logitScale(), b.logitScale(), 0f);
        }
    }

    /** The same numbers (MANIFEST 5.1: max |jit - state| = 0), so the same features to the bit. */
    @ParameterizedTest
    @ValueSource(strings = {"clip_tiny_state.pt", "clip_tiny_jit.pt"})
    void pytorchCheckpointsLoad(String file) throws IOException {
        Map<String, TensorData> sd = Checkpoints.tensors(Fixtures.golden(file));
        Map<String, TensorData> io = Golden.read("clip_tiny_io.safetensors");
        try (NDManager root = Golden.cpuManager();
                ClipModel a = Golden.tinyModel(root);
                ClipModel b = ClipModel.load(sd, root, 1, 2)) {
            NDArray images = io.get("images").toNDArray(root);
            NDArray tokens = io.get("tokens").toNDArray(root);
            assertEquals(0.0, maxDiff(a.encodeImage(images), b.encodeImage(images)), 0.0);
            assertEquals(0.0, maxDiff(a.encodeText(tokens), b.encodeText(tokens)), 0.0);
        }
    }

    @Test
    void torchScriptScalarsAreIgnored() {
        Map<String, TensorData> sd = new LinkedHashMap<>(Golden.read("clip_tiny_weights.safetensors"));
        sd.put("input_resolution", TensorData.ofLongs(new long[0], new long[] {32}));
        sd.put("context_length", TensorData.ofLongs(new long[0], new long[] {77}));
        sd.put("vocab_size", TensorData.ofLongs(new long[0], new long[] {49408}));
        try (NDManager root = Golden.cpuManager(); ClipModel m = ClipModel.load(sd, root, 1, 2)) {
            assertEquals(32, m.config().imageResolution());
        }
    }

    @Test
    void missingKeyIsNamed() {
        Map<String, TensorData> sd = new LinkedHashMap<>(Golden.read("clip_tiny_weights.safetensors"));
        sd.remove("transformer.resblocks.1.mlp.c_fc.bias");
        try (NDManager root = Golden.cpuManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.load(sd, root, 1, 2));
            assertEquals("CLIP state dict: missing key 'transformer.resblocks.1.mlp.c_fc.bias'", e.getMessage());
            assertEquals(0, root.getManagedArrays().size(), "a failed load frees what it loaded");
        }
    }

    @Test
    void mismatchedShapeIsNamed() {
        Map<String, TensorData> sd = new LinkedHashMap<>(Golden.read("clip_tiny_weights.safetensors"));
        sd.put("visual.ln_post.bias", TensorData.ofFloats(new long[] {63}, new float[63]));
        try (NDManager root = Golden.cpuManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.load(sd, root, 1, 2));
            assertEquals("CLIP state dict: key 'visual.ln_post.bias' has shape [63], expected (64)", e.getMessage());
        }
    }

    @Test
    void openAiHeadRuleFailsClearlyOnNarrowText() {
        Map<String, TensorData> sd = Golden.read("clip_tiny_weights.safetensors");
        try (NDManager root = Golden.cpuManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClipModel.load(sd, root));
            assertTrue(e.getMessage().startsWith("text width 32 cannot be split into 0 attention heads"), e.getMessage());
        }
    }

    @Test
    void presets() {
        assertEquals(ClipConfig.vitB32(), ClipConfig.preset("ViT-B/32"));
        assertEquals(16, ClipConfig.preset("vit-b-16").visionPatchSize());
        assertEquals(7, ClipConfig.vitB32().grid());
        assertEquals(12, ClipConfig.defaultHeads(768));
        assertThrows(IllegalArgumentException.class, () -> ClipConfig.preset("RN50"));
    }

    @Test
    void randomModelHasTheConfiguredShapes() {
        ClipConfig small = new ClipConfig(16, 32, 1, 32, 16, 2, 77, 100, 16, 2, 1);
        try (NDManager root = Golden.cpuManager(); ClipModel m = ClipModel.random(small, root, 7)) {
            NDArray img = root.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 32, 32));
            assertEquals(new ai.djl.ndarray.types.Shape(2, 16), m.encodeImage(img).getShape());
            assertThrows(IllegalArgumentException.class, () -> m.encodeImage(root.zeros(new ai.djl.ndarray.types.Shape(1, 3, 64, 64))));
        }
    }

    /** The same tensors under Hugging Face CLIPModel names and layouts. */
    static Map<String, TensorData> toHuggingFace(Map<String, TensorData> openAi) {
        Map<String, TensorData> hf = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : openAi.entrySet()) {
            String name = e.getKey();
            TensorData t = e.getValue().toF32();
            String target = HuggingFaceWeights.hfName(name);
            if (name.endsWith("in_proj_weight") || name.endsWith("in_proj_bias")) {
                String suffix = name.endsWith("weight") ? "weight" : "bias";
                float[] all = t.toFloatArray();
                long[] shape = t.shape();
                shape[0] /= 3;
                int part = all.length / 3;
                String[] qkv = {"q_proj.", "k_proj.", "v_proj."};
                for (int i = 0; i < 3; i++) {
                    hf.put(target + qkv[i] + suffix,
                            TensorData.ofFloats(shape, Arrays.copyOfRange(all, i * part, (i + 1) * part)));
                }
            } else if (name.equals("visual.proj") || name.equals("text_projection")) {
                hf.put(target, transpose(t));
            } else {
                hf.put(target, t);
            }
        }
        hf.put("text_model.embeddings.position_ids", TensorData.ofLongs(new long[] {1, 77}, new long[77]));
        return hf;
    }

    private static TensorData transpose(TensorData t) {
        int rows = (int) t.shape()[0];
        int cols = (int) t.shape()[1];
        float[] in = t.toFloatArray();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = in[r * cols + c];
            }
        }
        return TensorData.ofFloats(new long[] {cols, rows}, out);
    }

    private static double maxDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
