package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.TensorEngine;
import studio.nada.nn.Ops;

/** Prompts encoded at their own length give the features of the padded 77-token rows. */
class TextLengthTest {
    @Test
    void cutRowsGiveThePaddedRowsFeatures() {
        ClipTokenizer tokenizer = ClipTokenizer.openAi();
        try (NDManager root = TensorEngine.newManager(Device.cpu()); GradMode off = GradMode.disabled();
                ClipModel model = ClipModel.random(new ClipConfig(32, 32, 1, 32, 16, 2, 77, 49408, 64, 2, 3), root, 3)) {
            int[][] ids = tokenizer.tokenize(List.of("a photo", "a rendering of a sketch of a very old castle"), false);
            int[] flat = new int[ids.length * 77];
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(ids[i], 0, flat, i * 77, 77);
            }
            float[] padded = model.encodeText(Ops.constant(root, flat, new Shape(ids.length, 77))).toFloatArray();
            float[] cut = model.encodeText(root, ids).toFloatArray();
            assertArrayEquals(padded, cut, 1e-5f);
        }
    }
}
