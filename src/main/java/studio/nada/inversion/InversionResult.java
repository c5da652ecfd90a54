package studio.nada.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.engine.GradMode;
import studio.nada.export.Images;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Noise;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/**
 * A projection's outcome as plain data (it outlives the tensors): the W+ latent [n_latent, D],
 * the noise maps, the reconstruction, its PSNR against the target, and the losses per step. Saved
 * as safetensors ({@code w_plus} [1, n, D], {@code noise_0} …), which {@code translate} and
 * {@code generate --latents} read.
 */
public record InversionResult(float[] wPlus, int nLatent, int styleDim, List<float[]> noises, Images.Argb reconstruction,
        double psnr, List<double[]> losses) {

    static InversionResult of(Generator g, NDArray wPlus, List<NDArray> noises, NDArray target, List<double[]> losses) {
        try (GradMode off = GradMode.disabled()) {
            NDArray img = g.synthesis(wPlus, Noise.explicit(noises));
            double psnr = psnr(img, target);
            List<float[]> maps = new ArrayList<>();
            noises.forEach(n -> maps.add(n.toFloatArray()));
            return new InversionResult(wPlus.toFloatArray(), g.config().nLatent(), g.config().styleDim(), maps,
                    Images.toArgb(img).get(0), psnr, List.copyOf(losses));
        }
    }

    /** PSNR in dB of images in [-1, 1] as 8-bit pixels would see them: peak 1 on the [0, 1] scale. */
    static double psnr(NDArray a, NDArray b) {
        double mse = a.clip(-1, 1).sub(b.clip(-1, 1)).div(2f).square().mean().getFloat();
        return mse <= 0 ? 99 : 10 * Math.log10(1.0 / mse);
    }

    /** Writes {@code w_plus} and {@code noise_i} (atomically) with {@code metadata}. */
    public void write(Path file, Map<String, String> metadata) throws IOException {
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("w_plus", TensorData.ofFloats(new long[] {1, nLatent, styleDim}, wPlus));
        for (int i = 0; i < noises.size(); i++) {
            int res = (int) Math.round(Math.sqrt(noises.get(i).length));
            t.put("noise_" + i, TensorData.ofFloats(new long[] {1, 1, res, res}, noises.get(i)));
        }
        Safetensors.write(file, t, metadata);
    }

    /** A latent written by {@link #write} (the noise maps may be absent: then none are returned). */
    public static Latent read(Path file) throws IOException {
        Map<String, TensorData> t = Safetensors.read(file).tensors();
        TensorData w = t.get("w_plus");
        if (w == null || w.shape().length != 3 || w.shape()[0] != 1) {
            throw new IllegalArgumentException(file + " holds no w_plus latent [1, n_latent, D] (it has " + t.keySet() + ")");
        }
        List<float[]> maps = new ArrayList<>();
        for (int i = 0; t.containsKey("noise_" + i); i++) {
            maps.add(t.get("noise_" + i).toFloatArray());
        }
        return new Latent(w.toFloatArray(), (int) w.shape()[1], (int) w.shape()[2], maps);
    }

    /** A saved latent: W+ and its noise maps. */
    public record Latent(float[] wPlus, int nLatent, int styleDim, List<float[]> noises) {
        /** The latent as a [1, n, D] array on {@code m} (for rendering by any generator). */
        public NDArray wPlusArray(NDManager m) {
            return Ops.constant(m, wPlus.clone(), new Shape(1, nLatent, styleDim));
        }

        /** The noise maps, [1, 1, r, r] each, on {@code m}. */
        public List<NDArray> noiseArrays(NDManager m) {
            List<NDArray> out = new ArrayList<>();
            for (float[] n : noises) {
                int res = (int) Math.round(Math.sqrt(n.length));
                out.add(Ops.constant(m, n.clone(), new Shape(1, 1, res, res)));
            }
            return out;
        }
    }

    /** This result's latent, to translate. */
    public Latent latent() {
        return new Latent(wPlus, nLatent, styleDim, noises);
    }
}
