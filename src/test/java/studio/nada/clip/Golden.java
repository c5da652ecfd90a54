package studio.nada.clip;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import studio.nada.engine.TensorEngine;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** Golden CLIP fixtures (MANIFEST section 5) and comparison helpers shared by the CLIP tests. */
final class Golden {
    /** The tiny model's head counts: vision width 64 // 64 = 1, text heads 2 (MANIFEST 5.1). */
    static final int VISION_HEADS = 1;
    static final int TEXT_HEADS = 2;

    private Golden() {}

    static Map<String, TensorData> read(String name) {
        try {
            return Safetensors.read(Fixtures.golden(name)).tensors();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static NDManager cpuManager() {
        return TensorEngine.newManager(Device.cpu());
    }

    static ClipModel tinyModel(NDManager parent) {
        return ClipModel.load(read("clip_tiny_weights.safetensors"), parent, VISION_HEADS, TEXT_HEADS);
    }

    static double maxAbsDiff(NDArray actual, TensorData expected) {
        float[] a = actual.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] e = expected.toFloatArray();
        if (a.length != e.length) {
            throw new AssertionError("sizes differ: " + actual.getShape() + " vs " + expected);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - e[i]));
        }
        return max;
    }

    /** With -Dnada.report=true (through -Ddjl.argline), prints measured errors for the report. */
    static void report(String name, double err) {
        if (Boolean.getBoolean("nada.report")) {
            System.err.printf("max abs error %-40s %.3g%n", name, err);
        }
    }

    static double maxAbs(TensorData t) {
        double max = 0;
        for (float v : t.toFloatArray()) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
