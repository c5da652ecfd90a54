package studio.nada.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * An adapted generator as a small delta from its base: only the tensors training changed, whole
 * (not as differences, so base + delta gives back the adapted weights bit for bit), in a
 * safetensors file that names the base by its sha256. A style library ships deltas of a few
 * layers instead of a full generator per style.
 */
public final class GeneratorDelta {
    static final String FORMAT = "nada-studio generator delta";

    private GeneratorDelta() {}

    /** Writes the tensors of {@code adapted} that differ from {@code base}; returns how many. */
    public static int write(Path file, Map<String, TensorData> adapted, TensorData adaptedLatentAvg,
            GeneratorCheckpoint base, String baseSha256, Map<String, String> extraMetadata) throws IOException {
        if (!base.stateDict().keySet().equals(adapted.keySet())) {
            throw new IllegalArgumentException("the adapted generator's tensors are not its base's: a delta needs the"
                    + " generator it was adapted from (" + base.source() + " is another)");
        }
        Map<String, TensorData> changed = new LinkedHashMap<>();
        for (Map.Entry<String, TensorData> e : adapted.entrySet()) {
            if (!same(e.getValue(), base.stateDict().get(e.getKey()))) {
                changed.put(e.getKey(), e.getValue());
            }
        }
        if (adaptedLatentAvg != null && (base.latentAvg() == null || !same(adaptedLatentAvg, base.latentAvg()))) {
            changed.put("latent_avg", adaptedLatentAvg);
        }
        Map<String, String> meta = new LinkedHashMap<>(extraMetadata);
        meta.put("format", FORMAT);
        meta.put("base_sha256", baseSha256);
        meta.put("base_file", String.valueOf(base.source().getFileName()));
        meta.put("tensors_changed", changed.size() + " of " + adapted.size());
        Safetensors.write(file, changed, meta);
        return changed.size();
    }

    /** Whether {@code file} is a delta (its base's sha256, or null for a whole generator). */
    public static String baseOf(Path file) throws IOException {
        if (!studio.nada.weights.Checkpoints.isSafetensorsFile(file)) {
            return null;
        }
        Map<String, String> meta = Safetensors.read(file).metadata();
        return FORMAT.equals(meta.get("format")) ? meta.get("base_sha256") : null;
    }

    /** {@code base} with the delta's tensors in place: the adapted generator, exactly. */
    public static GeneratorCheckpoint apply(Path deltaFile, GeneratorCheckpoint base, String baseSha256) throws IOException {
        Safetensors.Contents c = Safetensors.read(deltaFile);
        String wanted = c.metadata().get("base_sha256");
        if (!FORMAT.equals(c.metadata().get("format")) || wanted == null) {
            throw new IllegalArgumentException(deltaFile + " is not a generator delta");
        }
        if (!wanted.equals(baseSha256)) {
            throw new IllegalArgumentException(deltaFile + " is a delta from the generator with sha256 " + wanted + " ("
                    + c.metadata().get("base_file") + "), not from " + base.source() + " (" + baseSha256 + ")");
        }
        Map<String, TensorData> sd = new LinkedHashMap<>(base.stateDict());
        TensorData avg = base.latentAvg();
        for (Map.Entry<String, TensorData> e : c.tensors().entrySet()) {
            if (e.getKey().equals("latent_avg")) {
                avg = e.getValue();
            } else if (sd.containsKey(e.getKey())) {
                sd.put(e.getKey(), e.getValue());
            } else {
                throw new IllegalArgumentException(deltaFile + ": tensor '" + e.getKey() + "' is not in the base generator");
            }
        }
        return new GeneratorCheckpoint(deltaFile, sd, avg);
    }

    static boolean same(TensorData a, TensorData b) {
        return b != null && a.dtype() == b.dtype() && java.util.Arrays.equals(a.shape(), b.shape())
                && a.bytes().equals(b.bytes());
    }
}
