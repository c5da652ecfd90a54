package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.clip.ClipWeights;
import studio.nada.weights.TensorData;

/**
 * A state dict with OpenAI names that remembers the array it gave the model for each name, so the
 * trainer can step exactly the model's weights and write them back under their names.
 */
final class NamedClipWeights implements ClipWeights {
    private final ClipWeights source;
    private final Map<String, NDArray> loaded = new LinkedHashMap<>();

    NamedClipWeights(Map<String, TensorData> tensors) {
        this.source = ClipWeights.of(tensors);
    }

    @Override
    public long[] shape(String name) {
        return source.shape(name);
    }

    @Override
    public NDArray load(String name, Shape expected, NDManager manager) {
        NDArray a = source.load(name, expected, manager);
        a.setName(name);
        loaded.put(name, a);
        return a;
    }

    /** The arrays the model holds, by OpenAI name, in the order the model asked for them. */
    Map<String, NDArray> loaded() {
        return loaded;
    }
}
