package studio.nada.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.stylegan.Latents;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * What {@code generate} renders: seeds, or z / w / w_plus codes from a safetensors file, each
 * with its output name, turned into W+ one batch at a time so that memory does not grow with the
 * number of images (100000 seeds of W+ alone are gigabytes).
 */
final class LatentBatches {
    private final long[] seeds;
    private final float[] codes;
    private final long[] shape;
    private final String kind;
    private final List<String> names;

    private LatentBatches(long[] seeds, TensorData codes, String kind, List<String> names) {
        this.seeds = seeds;
        this.codes = codes == null ? null : codes.toFloatArray();
        this.shape = codes == null ? null : codes.shape();
        this.kind = kind;
        this.names = names;
    }

    static LatentBatches seeds(long[] seeds) {
        List<String> names = new ArrayList<>();
        for (long s : seeds) {
            names.add(String.format(Locale.ROOT, "seed%04d", s));
        }
        return new LatentBatches(seeds, null, "seeds", names);
    }

    /** z [N,D], w [N,D] or w_plus [N,n_latent,D] from {@code file}, checked against the generator's shape. */
    static LatentBatches file(Path file, GeneratorConfig g) throws IOException {
        Map<String, TensorData> t = Safetensors.read(file).tensors();
        String kind = t.containsKey("w_plus") ? "w_plus" : t.containsKey("w") ? "w" : t.containsKey("z") ? "z" : null;
        if (kind == null) {
            throw new IllegalArgumentException(file + " has none of z, w, w_plus (it has " + t.keySet() + ")");
        }
        TensorData codes = t.get(kind);
        long[] s = codes.shape();
        boolean fits = kind.equals("w_plus") ? s.length == 3 && s[1] == g.nLatent() && s[2] == g.styleDim()
                : s.length == 2 && s[1] == g.styleDim();
        if (!fits) {
            throw new IllegalArgumentException(file + ": " + kind + " has shape " + Arrays.toString(s) + ", this generator"
                    + " needs " + (kind.equals("w_plus") ? "[N, " + g.nLatent() + ", " + g.styleDim() + "]"
                            : "[N, " + g.styleDim() + "]"));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < s[0]; i++) {
            names.add(String.format(Locale.ROOT, "latent%04d", i));
        }
        return new LatentBatches(null, codes, kind, names);
    }

    int count() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    /** W+ [end − start, n_latent, D] of entries [start, end), on {@code m}. */
    NDArray wPlus(Generator g, int start, int end, NDManager m) {
        int d = g.config().styleDim(), n = g.config().nLatent();
        if (seeds != null) {
            return Latents.toWPlus(g.style(Latents.zForSeeds(m, Arrays.copyOfRange(seeds, start, end), d)), n);
        }
        int row = Math.toIntExact(shape.length == 3 ? shape[1] * shape[2] : shape[1]);
        long[] s = shape.clone();
        s[0] = end - start;
        NDArray slice = Ops.constant(m, Arrays.copyOfRange(codes, start * row, end * row), new Shape(s));
        return switch (kind) {
            case "w_plus" -> slice;
            case "w" -> Latents.toWPlus(slice, n);
            default -> Latents.toWPlus(g.style(slice), n);
        };
    }
}
