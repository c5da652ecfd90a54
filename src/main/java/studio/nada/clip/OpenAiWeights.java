package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Map;
import studio.nada.weights.TensorData;

/**
 * A state dict with openai/CLIP names (state dicts and TorchScript archives). The int64 scalars
 * of OpenAI's archives ({@code input_resolution}, {@code context_length}, {@code vocab_size}) are
 * never asked for, so they are ignored.
 */
final class OpenAiWeights implements ClipWeights {
    private final Map<String, TensorData> tensors;

    OpenAiWeights(Map<String, TensorData> tensors) {
        this.tensors = tensors;
    }

    @Override
    public long[] shape(String name) {
        TensorData t = tensors.get(name);
        return t == null ? null : t.shape();
    }

    @Override
    public NDArray load(String name, Shape expected, NDManager manager) {
        TensorData t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("CLIP state dict: missing key '" + name + "'");
        }
        return checked(name, t, expected).toFloatNDArray(manager);
    }

    /** Checks the shape; a one-element tensor matches a scalar (logit_scale is stored [] or [1]). */
    static TensorData checked(String name, TensorData t, Shape expected) {
        boolean scalarOk = expected.dimension() == 0 && t.numel() == 1;
        if (!scalarOk && !Arrays.equals(t.shape(), expected.getShape())) {
            throw new IllegalArgumentException("CLIP state dict: key '" + name + "' has shape "
                    + Arrays.toString(t.shape()) + ", expected " + expected);
        }
        return t;
    }
}
