package studio.nada.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;

/**
 * Writes an adapted generator as a rosinality-compatible {@code .pt} ({@code {"g_ema": state
 * dict, "latent_avg": tensor}}, the whole state dict with noise buffers and FIR kernels, so
 * PyTorch users load it with strict=True) and as {@code .safetensors}. Both atomically.
 */
public final class GeneratorExport {
    private GeneratorExport() {}

    public static void writeTorch(Path file, Map<String, TensorData> stateDict, TensorData latentAvg)
            throws IOException {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("g_ema", stateDict);
        if (latentAvg != null) {
            top.put("latent_avg", latentAvg);
        }
        TorchCheckpointWriter.write(file, top);
    }

    /** Tensors named as in the state dict; latent_avg kept beside them; metadata as given. */
    public static void writeSafetensors(Path file, Map<String, TensorData> stateDict, TensorData latentAvg,
            Map<String, String> metadata) throws IOException {
        Map<String, TensorData> all = new LinkedHashMap<>(stateDict);
        if (latentAvg != null) {
            all.put("latent_avg", latentAvg);
        }
        Safetensors.write(file, all, metadata);
    }
}
