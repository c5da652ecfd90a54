package studio.nada.nada.mapper;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.stylegan.Generator;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.PickledObject;
import studio.nada.weights.Safetensors;
import studio.nada.weights.StateDicts;
import studio.nada.weights.TensorData;
import studio.nada.weights.TorchCheckpointWriter;

/**
 * Mapper files. The {@code .pt} is laid out as the reference's coach saves it, {@code
 * {"state_dict": {mapper.*, decoder.*}, "opts": {...}}}, so {@code StyleCLIPMapper.load_weights}
 * (strict for both halves) and {@code get_keys(ckpt, "mapper")} read it; the {@code .safetensors}
 * holds the {@code mapper.*} tensors with the W+ size and PixelNorm axis as metadata. Both atomic.
 */
public final class MapperCheckpoint {
    private MapperCheckpoint() {}

    public static void writeSafetensors(Path file, LatentMapper mapper, String description) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "nada-latent-mapper");
        meta.put("mapper_type", "LevelsMapper");
        meta.put("n_latent", Integer.toString(mapper.nLatent()));
        meta.put("style_dim", Integer.toString(mapper.styleDim()));
        meta.put("pixel_norm_axis", mapper.pixelNormAxis().name());
        meta.put("description", description == null ? "" : description);
        Safetensors.write(file, mapper.toTensors(), meta);
    }

    /**
     * The reference's checkpoint. {@code decoder} (may be null) is the generator the mapper was
     * trained for; without it the file has no {@code decoder.*} and PyTorch must load the mapper
     * half alone ({@code mapper.load_state_dict(get_keys(ckpt, "mapper"))}).
     */
    public static void writeTorch(Path file, LatentMapper mapper, Generator decoder, String description)
            throws IOException {
        Map<String, Object> stateDict = new LinkedHashMap<>(mapper.toTensors());
        if (decoder != null) {
            decoder.params().toTensors().forEach((k, v) -> stateDict.put("decoder." + k, v));
        }
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("mapper_type", "LevelsMapper");
        opts.put("no_coarse_mapper", false);
        opts.put("no_medium_mapper", false);
        opts.put("no_fine_mapper", false);
        opts.put("description", description == null ? "" : description);
        if (decoder != null) {
            opts.put("stylegan_size", (long) decoder.config().size());
        }
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("state_dict", stateDict);
        top.put("opts", opts);
        TorchCheckpointWriter.write(file, top);
    }

    /** Reads either file (or a bare LevelsMapper state dict) for a generator with {@code nLatent} W+ rows. */
    public static LatentMapper read(Path file, int nLatent, LatentMapper.PixelNormAxis axis, NDManager parent)
            throws IOException {
        Object tree = Checkpoints.read(file);
        Map<?, ?> top = tree instanceof PickledObject o ? o.attributes() : tree instanceof Map<?, ?> m ? m : Map.of();
        Map<String, TensorData> sd = top.containsKey("state_dict") ? StateDicts.flatten(top.get("state_dict"))
                : StateDicts.flatten(tree);
        return LatentMapper.load(sd, nLatent, axis, parent);
    }
}
