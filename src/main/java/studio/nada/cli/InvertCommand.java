package studio.nada.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
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
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.inversion.Alignment;
import studio.nada.inversion.InversionOptions;
import studio.nada.inversion.InversionResult;
import studio.nada.inversion.Photos;
import studio.nada.inversion.Projector;
import studio.nada.nada.ClipGuide;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.toyworld.ShapesWorld;
import studio.nada.weights.AtomicFiles;

/** {@code invert}: a photo projected into a generator's W+ (aligned, optimized, saved). */
@Command(name = "invert", mixinStandardHelpOptions = true,
        description = "Invert a photo into W+ by optimization through the generator: writes aligned.png,"
                + " reconstruction.png, latent.safetensors (W+ and noise) and inversion.json (losses, PSNR).")
public final class InvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--generator", description = "the generator (file or catalog name; default: the Shapes world)")
    String generator;

    @Option(names = "--image", required = true, description = "the photo (PNG, JPEG, WebP, …)")
    Path image;

    @Option(names = "--eyes", description = "x1,y1,x2,y2: the eyes in photo pixels (face models: FFHQ alignment)")
    String eyes;

    @Option(names = "--mouth", description = "x,y: the mouth centre (with --eyes; default: placed from the eyes)")
    String mouth;

    @Option(names = "--steps", defaultValue = "500", description = "optimization steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--clip", description = "CLIP model for the perceptual term, NAME=FILE or a catalog name"
            + " (default: the Shapes world's for its generator, else pixels only)")
    String clip;

    @Option(names = "--no-perceptual", description = "pixels only (no CLIP term)")
    boolean noPerceptual;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the noise maps and jitter (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--device", description = "cpu, cuda or cuda:N (default: CUDA when present)")
    String device;

    @Override
    public Integer call() throws Exception {
        OutputPaths.required("--out", out);
        PrintWriter log = spec.commandLine().getOut();
        BufferedImage photo = Photos.load(image); // a non-image is told before any model loads
        Alignment.Quad quad = quad(photo);
        GeneratorCheckpoint ckpt = generator == null ? ShapesWorld.generatorCheckpoint()
                : GeneratorCheckpoint.read(CatalogNames.generator(generator), null);
        int size = ckpt.config().size();
        BufferedImage aligned = Alignment.crop(photo, quad, size);
        InversionOptions options = InversionOptions.defaults().withSteps(steps);
        options = new InversionOptions(options.steps(), options.lr(), options.latentNoise(), options.noiseRamp(),
                options.mseWeight(), options.perceptualWeight(), options.noiseWeight(), options.previewEvery(), seed);
        OutputPaths.requireWritableFolder("--out", out);
        long t0 = System.nanoTime();
        InversionResult r;
        try (NDManager root = TensorEngine.newManager(TensorEngine.device(device))) {
            Generator g = ckpt.build(root);
            List<ClipGuide> guides = perceptual(root);
            Projector.Perceptual p = guides.isEmpty() ? null : guides.get(0)::imageFeatures;
            if (p == null) {
                options = options.withPerceptualWeight(0);
            }
            NDArray target = Photos.toTensor(aligned, root);
            long[] last = {0};
            r = new Projector(g, p, options).project(target, null, pr -> {
                if (System.nanoTime() - last[0] > 2_000_000_000L || pr.step() == pr.steps()) {
                    last[0] = System.nanoTime();
                    log.printf(Locale.ROOT, "step %d/%d  mse %.5f  perceptual %.4f  noise %.2e%n", pr.step(), pr.steps(),
                            pr.mse(), pr.perceptual(), pr.noise());
                    log.flush();
                }
            }, () -> false);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Images.writePng(out.resolve("aligned.png"), Images.fromBufferedImage(aligned));
        Images.writePng(out.resolve("reconstruction.png"), r.reconstruction());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("generator", String.valueOf(ckpt.source()));
        meta.put("image", image.toString());
        r.write(out.resolve("latent.safetensors"), meta);
        writeJson(out.resolve("inversion.json"), r, quad, seconds, options);
        log.printf(Locale.ROOT, "PSNR %.2f dB after %d steps in %.1f s; wrote aligned.png, reconstruction.png,"
                + " latent.safetensors, inversion.json to %s%n", r.psnr(), steps, seconds, out);
        return 0;
    }

    private Alignment.Quad quad(BufferedImage photo) {
        if (eyes == null) {
            if (mouth != null) {
                throw new IllegalArgumentException("--mouth needs --eyes");
            }
            return Alignment.center(photo.getWidth(), photo.getHeight());
        }
        double[] e = numbers("--eyes", eyes, 4);
        double[] m = mouth == null ? null : numbers("--mouth", mouth, 2);
        return Alignment.face(new double[] {e[0], e[1]}, new double[] {e[2], e[3]}, m);
    }

    private List<ClipGuide> perceptual(NDManager root) throws Exception {
        if (noPerceptual) {
            return List.of();
        }
        if (clip != null) {
            return ClipSpecs.load(ClipSpecs.parse(List.of(clip), List.of()), root, 0, 0);
        }
        if (generator == null) {
            return List.of(new ClipGuide("shapes", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root));
        }
        return List.of();
    }

    private static double[] numbers(String flag, String text, int n) {
        String[] parts = text.split(",");
        if (parts.length != n) {
            throw new IllegalArgumentException(flag + " takes " + n + " numbers separated by commas, not '" + text + "'");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + ": '" + parts[i] + "' is not a number");
            }
        }
        return out;
    }

    private static void writeJson(Path file, InversionResult r, Alignment.Quad q, double seconds, InversionOptions o)
            throws java.io.IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("psnr_db", r.psnr());
        doc.put("seconds", seconds);
        doc.put("options", o);
        doc.put("crop", Map.of("top_left", q.topLeft(), "top_right", q.topRight(), "bottom_left", q.bottomLeft(),
                "bottom_right", q.bottomRight(), "rotation_degrees", q.rotationDegrees(), "side", q.side()));
        List<Map<String, Double>> losses = new ArrayList<>();
        for (double[] l : r.losses()) {
            losses.add(Map.of("mse", l[0], "perceptual", l[1], "noise", l[2]));
        }
        doc.put("losses", losses);
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(doc);
        AtomicFiles.write(file, o2 -> o2.write(bytes));
    }
}
