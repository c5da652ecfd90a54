package studio.nada.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
import studio.nada.export.SeedList;
import studio.nada.engine.StepScope;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.nada.BatchMemory;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.stylegan.GeneratorConfig;
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
    /** The contact sheet shows at most this many images: one of 100000 would be gigabytes. */
    static final int GRID_MAX = 256;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "rosinality-format generator (.pt or .safetensors) or a catalog name"
            + " (default: the Shapes world)")
    String checkpoint;

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
        Device dev = TensorEngine.device(device); // a device that does not exist is told before any model loads
        GeneratorCheckpoint ckpt = checkpoint == null ? ShapesWorld.generatorCheckpoint()
                : GeneratorCheckpoint.read(CatalogNames.generator(checkpoint), key);
        LatentBatches in = latents == null ? LatentBatches.seeds(SeedList.parse(seeds))
                : LatentBatches.file(latents, ckpt.config());
        keepEarlierWork(in.names());
        OutputPaths.requireWritableFolder("--out", out);
        if (rawOut != null) {
            checkRawFits(in.count(), ckpt.config());
        }
        try (NDManager root = TensorEngine.newManager(dev)) {
            Generator g = ckpt.build(root);
            try (StepScope scope = StepScope.open(root, g.arrays())) {
                NDManager m = scope.manager();
                NDArray mean = truncation != 1 ? Truncation.meanLatent(g, ckpt.latentAvg(m), m) : null;
                // each batch goes to disk as it is rendered: only the contact sheet's images are kept
                List<Images.Argb> sheet = new ArrayList<>();
                List<NDArray> rawImages = new ArrayList<>();
                List<NDArray> rawLatents = new ArrayList<>();
                int count = in.count();
                for (int start = 0; start < count; start += batch) {
                    int end = Math.min(count, start + batch);
                    try (StepScope chunk = StepScope.open(m)) {
                        NDArray w = in.wPlus(g, start, end, chunk.manager());
                        NDArray img = g.synthesis(Latents.truncate(w, mean, truncation), noiseMode);
                        List<Images.Argb> pictures = Images.toArgb(img);
                        for (int i = 0; i < pictures.size(); i++) {
                            Images.writePng(out.resolve(in.names().get(start + i) + ".png"), pictures.get(i));
                            if (sheet.size() < GRID_MAX) {
                                sheet.add(pictures.get(i));
                            }
                        }
                        if (rawOut != null) {
                            rawImages.add(keep(img, m));
                            rawLatents.add(keep(w, m));
                        }
                    }
                    log.printf("rendered %d/%d%n", end, count);
                    log.flush();
                }
                Images.writePng(out.resolve("grid.png"), Images.grid(sheet, columns, 2));
                if (rawOut != null) {
                    Map<String, TensorData> tensors = new LinkedHashMap<>();
                    tensors.put("images", TensorData.of(NDArrays.concat(new NDList(rawImages))));
                    tensors.put("w_plus", TensorData.of(NDArrays.concat(new NDList(rawLatents))));
                    Safetensors.write(rawOut, tensors, Map.of("checkpoint", String.valueOf(ckpt.source()),
                            "truncation", Double.toString(truncation), "noise", noise));
                }
                log.printf("wrote %d images and grid.png%s to %s%n", count,
                        count > GRID_MAX ? " (the first " + GRID_MAX + ")" : "", out);
            }
        }
        return 0;
    }

    /** A copy of {@code a} that outlives its batch's scope. */
    private static NDArray keep(NDArray a, NDManager m) {
        NDArray k = a.duplicate();
        k.attach(m);
        return k;
    }

    /**
     * --raw-out writes one safetensors file, so its floats are held until the end: natively, once
     * joined, and once more on the Java heap. Refuses, with the numbers, what cannot fit.
     */
    static void checkRawFits(int count, GeneratorConfig g) {
        long perImage = 4L * (3L * g.size() * g.size() + (long) g.nLatent() * g.styleDim());
        long room = Math.min(Runtime.getRuntime().maxMemory(), BatchMemory.physicalMemory() / 2);
        if (3 * perImage * (double) count > room) {
            long fits = Math.max(1, room / (3 * perImage));
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--raw-out keeps every image in memory until"
                    + " it is written: %d images of %dx%d and their W+ need about %.1f GB, more than the %.1f GB at hand:"
                    + " give at most %d seeds per run, or leave --raw-out out (the PNGs are written as they are"
                    + " rendered)", count, g.size(), g.size(), 3 * perImage * (double) count / 1e9, room / 1e9, fits));
        }
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
}
