package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.PickledObject;
import studio.nada.weights.StateDicts;
import studio.nada.weights.TensorData;
import studio.nada.weights.WeightsFormatException;

/**
 * A rosinality-layout generator checkpoint: the state dict under {@code g_ema} (or {@code g}
 * when asked), or a bare state dict, plus {@code latent_avg} where the file has one.
 */
public record GeneratorCheckpoint(Path source, Map<String, TensorData> stateDict, TensorData latentAvg) {
    public static final String DEFAULT_KEY = "g_ema";

    /** Reads {@code file}; {@code key} null means {@code g_ema}, falling back to a bare state dict. */
    public static GeneratorCheckpoint read(Path file, String key) throws IOException {
        Object tree = Checkpoints.read(file);
        Map<?, ?> top = tree instanceof PickledObject o ? o.attributes() : tree instanceof Map<?, ?> m ? m : null;
        if (top == null) {
            throw new WeightsFormatException(file + ": holds a " + StateDicts.describe(tree) + ", not a generator checkpoint");
        }
        String wanted = key == null ? DEFAULT_KEY : key;
        Map<String, TensorData> sd;
        if (top.containsKey(wanted)) {
            sd = StateDicts.flatten(top.get(wanted));
        } else if (key == null && (top.containsKey("input.input") || hasPrefix(top, wanted + "."))) {
            sd = stripPrefix(StateDicts.flatten(top), wanted + ".");
            sd.remove("latent_avg");
        } else {
            List<String> keys = top.keySet().stream().map(String::valueOf).limit(12).toList();
            throw new WeightsFormatException(file + ": has no '" + wanted + "' generator; its top-level keys are " + keys);
        }
        TensorData avg = top.get("latent_avg") instanceof TensorData t ? t : null;
        requireFinite(file, sd);
        if (avg != null) {
            requireFinite(file, Map.of("latent_avg", avg));
        }
        return new GeneratorCheckpoint(file, sd, avg);
    }

    /**
     * Refuses weights holding NaN or infinity (a run that diverged, a damaged file): such a
     * generator renders black images without any error, so the file is named here instead. Integer
     * weights are refused too, before PyTorch meets them in a matrix product.
     */
    static void requireFinite(Path file, Map<String, TensorData> tensors) throws WeightsFormatException {
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (!e.getValue().dtype().isFloating()) {
                throw new WeightsFormatException(file + ": tensor '" + e.getKey() + "' holds " + e.getValue().dtype()
                        + " values, where a generator's weights are floating point (F32, F16, BF16 or F64)");
            }
            float[] v = e.getValue().toFloatArray();
            int bad = 0;
            for (float x : v) {
                if (!Float.isFinite(x)) {
                    bad++;
                }
            }
            if (bad > 0) {
                throw new WeightsFormatException(file + ": tensor '" + e.getKey() + "' holds " + bad + " NaN or"
                        + " infinite values of " + v.length + " (a diverged run or a damaged file); its images would"
                        + " be black");
            }
        }
    }

    /** The generator's configuration, inferred from the shapes, without building it. */
    public GeneratorConfig config() {
        try {
            return GeneratorConfig.infer(stateDict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " does not fit a rosinality StyleGAN2 generator: " + e.getMessage(), e);
        }
    }

    /** The generator on the manager's device (its config inferred from the shapes). */
    public Generator build(NDManager manager) {
        try {
            return Generator.load(manager, stateDict);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " does not fit a rosinality StyleGAN2 generator: " + e.getMessage(), e);
        }
    }

    /** latent_avg as a [1, D] array, or null. */
    public NDArray latentAvg(NDManager manager) {
        return latentAvg == null ? null : latentAvg.toFloatNDArray(manager).reshape(1, -1);
    }

    private static boolean hasPrefix(Map<?, ?> top, String prefix) {
        return top.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith(prefix));
    }

    private static Map<String, TensorData> stripPrefix(Map<String, TensorData> sd, String prefix) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        boolean prefixed = sd.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        sd.forEach((k, v) -> {
            if (!prefixed) {
                out.put(k, v);
            } else if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
