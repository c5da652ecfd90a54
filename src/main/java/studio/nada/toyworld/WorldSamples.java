package studio.nada.toyworld;

import studio.nada.nn.Ops;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipPreprocess;
import studio.nada.clip.TextTokenizer;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Generator samples next to the scenes their z stands for: how world-like they are, what CLIP
 * reads in them, and contact sheets of both.
 */
public final class WorldSamples {
    private final List<Scene> scenes;
    private final NDArray images;
    private final List<Images.Argb> pictures;

    private WorldSamples(List<Scene> scenes, NDArray images) {
        this.scenes = scenes;
        this.images = images;
        this.pictures = Images.toArgb(images);
    }

    /** {@code n} samples for z from java.util.Random(seed), stored noise; images live on {@code m}. */
    public static WorldSamples of(Generator g, int n, long seed, NDManager m) {
        float[][] z = zs(n, g.config().styleDim(), seed);
        List<Scene> scenes = new ArrayList<>();
        float[] flat = new float[n * z[0].length];
        for (int i = 0; i < n; i++) {
            scenes.add(LatentScenes.fromZ(z[i]));
            System.arraycopy(z[i], 0, flat, i * z[i].length, z[i].length);
        }
        try (StepScope scope = StepScope.open(m, g.arrays())) {
            NDArray w = g.style(Ops.constant(scope.manager(), flat, new Shape(n, z[0].length)));
            NDArray img = g.synthesis(Latents.toWPlus(w, g.config().nLatent()), Noise.stored()).stopGradient();
            img.attach(m);
            return new WorldSamples(scenes, img);
        }
    }

    /** Mean of {@code n} mapped z (rosinality's mean_latent), [1, style_dim], on {@code m}. */
    public static NDArray meanLatent(Generator g, int n, long seed, NDManager m) {
        float[][] z = zs(n, g.config().styleDim(), seed);
        float[] flat = new float[n * z[0].length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(z[i], 0, flat, i * z[i].length, z[i].length);
        }
        try (StepScope scope = StepScope.open(m, g.arrays())) {
            NDArray mean = g.meanLatent(Ops.constant(scope.manager(), flat, new Shape(n, z[0].length))).stopGradient();
            mean.attach(m);
            return mean;
        }
    }

    private static float[][] zs(int n, int d, long seed) {
        Random r = new Random(seed);
        float[][] z = new float[n][d];
        for (float[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian();
            }
        }
        return z;
    }

    public List<Scene> scenes() {
        return scenes;
    }

    public List<Images.Argb> pictures() {
        return pictures;
    }

    /** Samples in [-1, 1], [n, 3, 64, 64]. */
    public NDArray images() {
        return images;
    }

    public double worldLikeFraction() {
        return pictures.stream().filter(p -> new ShapeStats(p).worldLike()).count() / (double) pictures.size();
    }

    /** CLIP's zero-shot color and shape accuracy on the samples, against the scenes their z stands for. */
    public ZeroShot.Accuracy zeroShot(ClipModel clip, TextTokenizer tokenizer, NDManager parent) {
        try (StepScope scope = StepScope.open(parent)) {
            NDManager m = scope.manager();
            NDArray x = images.duplicate();
            x.attach(m);
            NDArray f = ClipModel.normalize(clip.encodeImage(ClipPreprocess.forModel(clip).apply(x)));
            return ZeroShot.evaluate(clip, tokenizer, scenes, f, m);
        }
    }

    /** samples_generator.png (32 samples) and samples_renders.png (the scenes they stand for). */
    public void writeGrids(Path dir) throws IOException {
        int n = Math.min(32, pictures.size());
        Images.writePng(dir.resolve("samples_generator.png"), Images.grid(pictures.subList(0, n), 8, 2));
        List<Images.Argb> renders = scenes.subList(0, n).stream().map(ShapeRenderer::argb).toList();
        Images.writePng(dir.resolve("samples_renders.png"), Images.grid(renders, 8, 2));
    }
}
