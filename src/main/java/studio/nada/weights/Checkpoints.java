package studio.nada.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point for weights files: PyTorch zip checkpoints, legacy (pre-1.6) checkpoints,
 * TorchScript archives and safetensors, each told apart by its full signature.
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
        if (isSafetensors(head, Files.size(file))) {
            return new Contents(Format.SAFETENSORS, new LinkedHashMap<>(Safetensors.read(file).tensors()));
        }
        if (isLegacyTorch(head)) {
            return new Contents(Format.TORCH_LEGACY, TorchLegacyReader.read(file));
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

    /**
     * Safetensors: a little-endian u64 header length that fits in the file, then the JSON header's
     * '{'. Tested before the legacy format, whose first byte 0x80 is also the low byte of one
     * header length in 32 (8-byte-padded headers): a first byte alone tells nothing.
     */
    /** Whether {@code file} is a safetensors file, by its header (not its name). */
    public static boolean isSafetensorsFile(Path file) throws IOException {
        return isSafetensors(head(file), Files.size(file));
    }

    static boolean isSafetensors(byte[] head, long fileSize) {
        if (head.length < 9 || head[8] != '{') {
            return false;
        }
        long n = ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return n >= 2 && n <= fileSize - 8;
    }

    /**
     * Legacy torch.save: a pickle (PROTO 2..5, a FRAME from protocol 4) of the magic number
     * 0x1950a86a20f9469cfc6c as LONG1.
     */
    static boolean isLegacyTorch(byte[] head) {
        if (head.length < 2 || (head[0] & 0xff) != 0x80 || head[1] < 2 || head[1] > 5) {
            return false;
        }
        int i = (head.length > 2 && (head[2] & 0xff) == 0x95) ? 11 : 2; // FRAME + 8-byte length
        if (head.length < i + 2 + LEGACY_MAGIC.length || (head[i] & 0xff) != 0x8a || head[i + 1] != LEGACY_MAGIC.length) {
            return false;
        }
        return Arrays.equals(head, i + 2, i + 2 + LEGACY_MAGIC.length, LEGACY_MAGIC, 0, LEGACY_MAGIC.length);
    }

    /** torch.serialization's MAGIC_NUMBER, little-endian as pickle's LONG1 writes it. */
    private static final byte[] LEGACY_MAGIC = {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
        (byte) 0xa8, 0x50, 0x19};

    private static byte[] head(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new WeightsFormatException(file + " is a folder, not a weights file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(32);
        } catch (NoSuchFileException e) {
            throw new WeightsFormatException(file + ": no such file", e);
        }
    }
}
