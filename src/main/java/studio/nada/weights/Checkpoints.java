package studio.nada.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point for weights files: PyTorch zip checkpoints, legacy (pre-1.6) checkpoints,
 * TorchScript archives and safetensors, told apart by their first bytes.
 */
public final class Checkpoints {
    /** The formats read here. */
    public enum Format { TORCH_ZIP, TORCHSCRIPT, TORCH_LEGACY, SAFETENSORS }

    /** A file's content: its format and unpickled tree (for safetensors, the map of its tensors). */
    public record Contents(Format format, Object tree) {}

    private Checkpoints() {}

    /**
     * The unpickled tree of a checkpoint: {@code Map} (insertion-ordered; keys are usually strings),
     * {@code List}, {@code Long}, {@code Double}, {@code String}, {@code Boolean}, null,
     * {@link TensorData} and {@link PickledObject} (TorchScript modules, Namespace).
     */
    public static Object read(Path file) throws IOException {
        return load(file).tree();
    }

    public static Contents load(Path file) throws IOException {
        byte[] head = head(file);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            TorchZipReader.Archive a = TorchZipReader.read(file);
            return new Contents(a.torchScript() ? Format.TORCHSCRIPT : Format.TORCH_ZIP, a.data());
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] <= 5) {
            return new Contents(Format.TORCH_LEGACY, TorchLegacyReader.read(file));
        }
        if (head.length >= 9 && head[8] == '{') {
            return new Contents(Format.SAFETENSORS, new LinkedHashMap<>(Safetensors.read(file).tensors()));
        }
        throw new WeightsFormatException(file + ": not a checkpoint this studio reads (expected a PyTorch .pt/.pth,"
                + " a TorchScript archive or .safetensors; the file is " + Files.size(file) + " bytes)");
    }

    /** Every tensor of a file, flattened by {@link StateDicts#flatten}. */
    public static LinkedHashMap<String, TensorData> tensors(Path file) throws IOException {
        return StateDicts.flatten(read(file));
    }

    /** The tensors under one top-level key, e.g. {@code "g_ema"}, named relative to it. */
    public static LinkedHashMap<String, TensorData> stateDict(Path file, String key) throws IOException {
        Object tree = read(file);
        Map<?, ?> top = tree instanceof PickledObject o ? o.attributes() : tree instanceof Map<?, ?> m ? m : null;
        if (top == null) {
            throw new WeightsFormatException(file + ": holds a " + StateDicts.describe(tree)
                    + ", not a dict with key '" + key + "'");
        }
        if (!top.containsKey(key)) {
            List<String> keys = top.keySet().stream().map(String::valueOf).toList();
            throw new WeightsFormatException(file + ": has no '" + key + "'; its top-level keys are " + keys);
        }
        return StateDicts.flatten(top.get(key));
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        } catch (NoSuchFileException e) {
            throw new WeightsFormatException(file + ": no such file", e);
        }
    }
}
