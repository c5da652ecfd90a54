package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import studio.nada.weights.TensorData;

/**
 * A source of CLIP tensors addressed by openai/CLIP's state-dict names, whatever the file's own
 * names are: one model class, the source maps names.
 */
public interface ClipWeights {
    /** The shape of the tensor OpenAI calls {@code name}, or null when the source lacks it. */
    long[] shape(String name);

    /**
     * The tensor as F32 on {@code manager}; throws naming the missing or mismatched key when it is
     * absent or its shape is not {@code expected}.
     */
    NDArray load(String name, Shape expected, NDManager manager);

    /** How the source names {@code name}, for error messages. */
    default String describe(String name) {
        return "key '" + name + "'";
    }

    /** A state dict with OpenAI names or Hugging Face {@code CLIPModel} names (detected). */
    static ClipWeights of(Map<String, TensorData> stateDict) {
        if (stateDict.containsKey(HuggingFaceWeights.PROBE)) {
            return new HuggingFaceWeights(stateDict);
        }
        return new OpenAiWeights(stateDict);
    }

    /** Seeded random weights of any shape asked for (benchmarks). */
    static ClipWeights random(long seed) {
        return new RandomWeights(seed);
    }
}
