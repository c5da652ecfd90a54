package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import studio.nada.clip.ClipImageFiles;
import studio.nada.clip.ClipModel;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Image-guided targets (the reference's {@code set_img2img_direction}): the direction becomes
 * normalize(mean normalized embedding of the style images − mean normalized embedding of 16
 * generator samples at start), per CLIP model. Without a target text, the probe of adaptive
 * layer freezing pulls toward the mean style-image embedding.
 */
public final class ImageGuidedDirection {
    static final int SOURCE_SAMPLES = 16;

    private ImageGuidedDirection() {}

    /** The image files of a folder (png, jpg, jpeg, bmp, gif), sorted; an error when there are none. */
    public static List<Path> imagesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder of style images");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> images = files.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)
                    .matches(".*\\.(png|jpe?g|webp|bmp|gif)")).sorted().toList();
            if (images.isEmpty()) {
                throw new IOException(dir + " holds no style images (png, jpg, webp, bmp, gif)");
            }
            return images;
        }
    }

    /**
     * Sets every guide's direction for the adapter's prompt pair from {@code styleImages}; with
     * {@code replaceProbeTarget}, the probe's target too. Tensor thread only.
     */
    public static void apply(NadaAdapter adapter, List<Path> styleImages, boolean replaceProbeTarget, RandomSource rng)
            throws IOException {
        NadaConfig config = adapter.config();
        List<NDArray> probeTargets = new ArrayList<>();
        NDManager owner = adapter.trainable().params().manager();
        // the samples come from the frozen twin (equal to the trainable one at start), with draws
        // seeded by the run's seed, so a resumed run recomputes the very same direction
        rng.reseed(config.seed() * 7919L + 17);
        try (GradMode off = GradMode.disabled(); StepScope scope = StepScope.open(owner, adapter.frozen().arrays())) {
            NDManager m = scope.manager();
            NDArray z = rng.normal(m, new Shape(SOURCE_SAMPLES, adapter.frozen().config().styleDim()));
            NDArray w = Latents.toWPlus(adapter.frozen().style(z), adapter.frozen().config().nLatent());
            NDArray samples = adapter.frozen().synthesis(w, Noise.random(rng));
            for (ClipGuide g : adapter.guides()) {
                int res = g.model().config().imageResolution();
                NDArray target = null;
                for (Path file : styleImages) {
                    NDArray f = ClipModel.normalize(g.encodePreprocessed(ClipImageFiles.load(file, res, m)));
                    target = target == null ? f : target.add(f);
                }
                target = target.div(m.full(new Shape(), styleImages.size()));
                NDArray source = g.imageFeatures(samples).mean(new int[] {0}, true);
                g.setDirection(config.source(), config.target(), ClipModel.normalize(target.sub(source)));
                probeTargets.add(g.keep(ClipModel.normalize(target)));
            }
        }
        if (replaceProbeTarget) {
            adapter.setProbeTargets(probeTargets);
        }
    }
}
