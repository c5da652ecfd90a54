package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.weights.TensorData;

/**
 * The tiny CLIP against openai/CLIP's own outputs (MANIFEST 5.3). Tolerance 1e-5 on features:
 * fp32 vs fp64 error of the reference is 1.5e-6, so 1e-5 allows for a different summation order
 * but not for a wrong op.
 */
class ClipModelParityTest {
    private static final double FEATURE_ATOL = 1e-5;

    private static NDManager root;
    private static ClipModel model;
    private static Map<String, TensorData> io;

    @BeforeAll
    static void load() {
        io = Golden.read("clip_tiny_io.safetensors");
        root = Golden.cpuManager();
        model = Golden.tinyModel(root);
    }

    @AfterAll
    static void close() {
        if (root != null) {
            model.close();
            root.close();
        }
    }

    @Test
    void readsConfigFromWeightShapes() {
        assertEquals(new ClipConfig(32, 32, 2, 64, 8, 1, 77, 49408, 32, 2, 2), model.config());
        assertEquals(io.get("logit_scale").toFloatArray()[0], model.logitScale(), 0f);
    }

    @Test
    void encodeImageMatchesWithIntermediates() {
        try (NDManager m = root.newSubManager()) {
            Map<String, NDArray> rec = new HashMap<>();
            NDArray features = model.encodeImage(io.get("images").toNDArray(m), rec);
            assertClose("inter/vis_ln_pre", rec.get("ln_pre"));
            assertClose("inter/vis_block0_LND", rec.get("block0").transpose(1, 0, 2));
            assertClose("inter/vis_block1_LND", rec.get("block1").transpose(1, 0, 2));
            assertClose("inter/vis_ln_post", rec.get("ln_post"));
            assertClose("image_features", features);
        }
    }

    @Test
    void encodeTextMatchesWithIntermediates() {
        try (NDManager m = root.newSubManager()) {
            Map<String, NDArray> rec = new HashMap<>();
            NDArray features = model.encodeText(io.get("tokens").toNDArray(m), rec);
            assertClose("inter/txt_token_embedding", rec.get("token_embedding"));
            assertClose("inter/txt_block0_LND", rec.get("block0").transpose(1, 0, 2));
            assertClose("inter/txt_block1_LND", rec.get("block1").transpose(1, 0, 2));
            assertClose("inter/txt_ln_final", rec.get("ln_final"));
            assertClose("text_features", features);
            assertClose("extra_text_features", model.encodeText(io.get("extra_tokens").toNDArray(m)));
        }
    }

    @Test
    void encodeTextFromJavaArrays() {
        TensorData t = io.get("tokens");
        long[] ids = t.toLongArray();
        int[][] rows = new int[5][77];
        for (int i = 0; i < ids.length; i++) {
            rows[i / 77][i % 77] = (int) ids[i];
        }
        try (NDManager m = root.newSubManager()) {
            assertClose("text_features", model.encodeText(m, rows));
        }
    }

    @Test
    void logitsPerImageMatch() {
        try (NDManager m = root.newSubManager()) {
            NDArray img = model.encodeImage(io.get("images").toNDArray(m));
            NDArray txt = model.encodeText(io.get("tokens").toNDArray(m));
            assertClose("logits_per_image", model.logitsPerImage(img, txt));
        }
    }

    /** d sum(encode_image(images) * R) / d images, within 1e-4 of max|grad| (MANIFEST 7). */
    @Test
    void imageGradientMatches() {
        try (NDManager m = root.newSubManager()) {
            NDArray images = io.get("images").toNDArray(m);
            images.setRequiresGradient(true);
            NDArray probe = io.get("grad_probe").toNDArray(m);
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                gc.backward(model.encodeImage(images).mul(probe).sum());
            }
            TensorData expected = io.get("grad_images");
            double err = Golden.maxAbsDiff(images.getGradient(), expected);
            double tol = 1e-4 * Golden.maxAbs(expected);
            Golden.report("grad_images (max |grad| " + Golden.maxAbs(expected) + ")", err);
            assertTrue(err <= tol, "grad_images max abs error " + err + " > " + tol);
        }
    }

    private static void assertClose(String name, NDArray actual) {
        double err = Golden.maxAbsDiff(actual, io.get(name));
        Golden.report(name, err);
        assertTrue(err <= FEATURE_ATOL, name + ": max abs error " + err);
    }
}
