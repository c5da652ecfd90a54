package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;
import studio.nada.stylegan.Truncation;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** {@code generate}: images from seeds or latents, as PNGs, a contact sheet and raw floats. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Render images from a StyleGAN2 checkpoint: a PNG per seed (or latent) and a contact sheet.")
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "rosinality-format generator (.pt or .safetensors; default: the Shapes world)")
    Path checkpoint;

    @Option(names = "--key", description = "state dict inside the checkpoint (default g_ema)")
    String key;

    @Option(names = "--seeds", defaultValue = "0-7", description = "seeds, e.g. 0-7 or 1,5,9 (default ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--latents", description = "safetensors with z [N,D], w [N,D] or w_plus [N,n_latent,D] instead of seeds")
    Path latents;

    @Option(names = "--truncation", defaultValue = "1.0", description = "psi toward the mean latent (default ${DEFAULT-VALUE})")
    double truncation;

    @Option(names = "--noise", defaultValue = "stored", description = "stored, random or zero (default ${DEFAULT-VALUE})")
    String noise;

    @Option(names = "--batch", defaultValue = "8", description = "images per forward pass (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--grid-columns", defaultValue = "8", description = "contact sheet columns (default ${DEFAULT-VALUE})")
    int columns;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--overwrite", description = "replace images (and --raw-out) left in --out by an earlier run")
    boolean overwrite;

    @Option(names = "--raw-out", description = "also write the float images (and latents) as safetensors")
    Path rawOut;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1");
        }
        if (!Double.isFinite(truncation)) {
            throw new IllegalArgumentException("--truncation must be a finite number (psi: 1 = none, below 1 toward"
                    + " the mean image, above 1 away from it), not " + truncation);
        }
        OutputPaths.required("--out", out);
        OutputPaths.required("--raw-out", rawOut);
        PrintWriter log = spec.commandLine().getOut();
        Noise noiseMode = switch (noise.toLowerCase(Locale.ROOT)) {
            case "stored" -> Noise.stored();
            case "random" -> Noise.random(studio.nada.engine.RandomSource.engine());
            case "zero" -> Noise.zero();
            default -> throw new IllegalArgumentException("--noise must be stored, random or zero, not '" + noise + "'");
        };
        GeneratorCheckpoint ckpt = checkpoint == null ? ShapesWorld.generatorCheckpoint()
                : GeneratorCheckpoint.read(checkpoint, key);
        Device dev = TensorEngine.device(device);
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator g = ckpt.build(root);
            int n = g.config().nLatent();
            try (StepScope scope = StepScope.open(root, g.arrays())) {
                NDManager m = scope.manager();
                Inputs in = inputs(g, m);
                keepEarlierWork(in.names());
                NDArray mean = truncation != 1 ? Truncation.meanLatent(g, ckpt.latentAvg(m), m) : null;
                List<Images.Argb> pictures = new ArrayList<>();
                List<NDArray> raw = new ArrayList<>();
                long count = in.wPlus().getShape().get(0);
                for (long start = 0; start < count; start += batch) {
                    try (StepScope chunk = StepScope.open(m)) {
                        NDArray w = in.wPlus().get(start + ":" + Math.min(count, start + batch));
                        NDArray img = g.synthesis(Latents.truncate(w, mean, truncation), noiseMode);
                        pictures.addAll(Images.toArgb(img));
                        if (rawOut != null) {
                            NDArray keep = img.duplicate();
                            keep.attach(m);
                            raw.add(keep);
                        }
                    }
                    log.printf("rendered %d/%d%n", Math.min(count, start + batch), count);
                    log.flush();
                }
                for (int i = 0; i < pictures.size(); i++) {
                    Images.writePng(out.resolve(in.names().get(i) + ".png"), pictures.get(i));
                }
                Images.writePng(out.resolve("grid.png"), Images.grid(pictures, columns, 2));
                if (rawOut != null) {
                    Map<String, TensorData> tensors = new LinkedHashMap<>();
                    tensors.put("images", TensorData.of(ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(raw))));
                    tensors.put("w_plus", TensorData.of(in.wPlus()));
                    Safetensors.write(rawOut, tensors, Map.of("checkpoint", String.valueOf(ckpt.source()),
                            "truncation", Double.toString(truncation), "noise", noise));
                }
                log.printf("wrote %d images and grid.png to %s%n", pictures.size(), out);
            }
        }
        return 0;
    }

    /** Refuses to replace images (or raw output) of an earlier run without --overwrite. */
    private void keepEarlierWork(List<String> names) {
        if (overwrite) {
            return;
        }
        List<Path> files = new ArrayList<>();
        names.forEach(n -> files.add(out.resolve(n + ".png")));
        files.add(out.resolve("grid.png"));
        if (rawOut != null) {
            files.add(rawOut);
        }
        List<String> found = OutputPaths.existing(out, files);
        if (!found.isEmpty()) {
            throw new IllegalArgumentException(out + " already holds " + OutputPaths.shortList(found)
                    + ": give --overwrite to replace them, or choose another --out");
        }
    }

    private record Inputs(NDArray wPlus, List<String> names) {}

    private Inputs inputs(Generator g, NDManager m) throws Exception {
        int d = g.config().styleDim(), n = g.config().nLatent();
        List<String> names = new ArrayList<>();
        if (latents == null) {
            long[] s = SeedList.parse(seeds);
            for (long seed : s) {
                names.add(String.format(Locale.ROOT, "seed%04d", seed));
            }
            return new Inputs(Latents.toWPlus(g.style(Latents.zForSeeds(m, s, d)), n), names);
        }
        Map<String, TensorData> t = Safetensors.read(latents).tensors();
        NDArray wPlus;
        if (t.containsKey("w_plus")) {
            wPlus = t.get("w_plus").toFloatNDArray(m);
        } else if (t.containsKey("w")) {
            wPlus = Latents.toWPlus(t.get("w").toFloatNDArray(m), n);
        } else if (t.containsKey("z")) {
            wPlus = Latents.toWPlus(g.style(t.get("z").toFloatNDArray(m)), n);
        } else {
            throw new IllegalArgumentException(latents + " has none of z, w, w_plus (it has " + t.keySet() + ")");
        }
        long[] shape = wPlus.getShape().getShape();
        if (shape.length != 3 || shape[1] != n || shape[2] != d) {
            throw new IllegalArgumentException(latents + ": latents give W+ of shape " + wPlus.getShape()
                    + ", this generator needs [N, " + n + ", " + d + "]");
        }
        for (int i = 0; i < shape[0]; i++) {
            names.add(String.format(Locale.ROOT, "latent%04d", i));
        }
        return new Inputs(wPlus, names);
    }
}
