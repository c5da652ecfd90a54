package studio.nada.inversion;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import studio.nada.engine.GradMode;
import studio.nada.engine.StepScope;
import studio.nada.export.Images;
import studio.nada.nada.Adam;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Noise;

/**
 * Projection of an image into W+ by optimization through the frozen generator, as rosinality's
 * {@code projector.py}: Adam on the latent and the noise maps, the learning rate warmed up and
 * decayed (cosine), a decaying jitter added to the latent early on, the noise maps regularized
 * against spatial correlation and renormalized after each step. It starts at the mean latent and
 * optimizes one W for the first quarter of the steps, then W+ per layer (a W start keeps the
 * result on the generator's manifold, W+ then fits the details). The loss is pixels (MSE) plus,
 * when a perceptual model is given, 1 − cos of its features on the whole image and four crops.
 * Tensor thread only.
 */
public final class Projector {
    /** Image → normalized features, differentiable (CLIP's image encoder; LPIPS where present). */
    @FunctionalInterface
    public interface Perceptual {
        NDArray features(NDArray images);
    }

    /** Where the projection stands; {@code image} is the reconstruction at that step (every few steps, else null). */
    public record Progress(int step, int steps, double mse, double perceptual, double noise, Images.Argb image) {}

    private final Generator g;
    private final Perceptual perceptual;
    private final InversionOptions o;

    public Projector(Generator g, Perceptual perceptual, InversionOptions options) {
        this.g = g;
        this.perceptual = perceptual;
        this.o = options;
    }

    /**
     * Inverts {@code target} ([1,3,S,S] in [-1,1] at the generator's size); {@code start}, when
     * not null, is an encoder's W+ [n_latent·D] to start from instead of the mean.
     */
    public InversionResult project(NDArray target, float[] start, Consumer<Progress> progress, BooleanSupplier cancelled) {
        int n = g.config().nLatent();
        int d = g.config().styleDim();
        NDManager root = target.getManager();
        Random rng = new Random(o.seed());
        float[][] stats = LatentStats.of(g, root);
        float[] mean = stats[0];
        double latentStd = stats[1][0];
        NDArray latent = start != null ? Ops.constant(root, start.clone(), new Shape(1, n, d))
                : Ops.constant(root, mean.clone(), new Shape(1, 1, d));
        boolean wPlus = start != null;
        List<NDArray> noises = InversionNoise.initial(g, rng, root);
        Adam adam = new Adam(new Adam.Hyper(o.lr(), 0.9, 0.999, 1e-8), root);
        List<double[]> losses = new ArrayList<>();
        int wSteps = start != null ? 0 : o.steps() / 4;
        NDArray targetFeatures = perceptual != null && o.perceptualWeight() > 0 ? targetFeatures(target) : null;
        for (int i = 0; i < o.steps(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("inversion cancelled");
            }
            if (!wPlus && i >= wSteps) {
                // from W to W+: every layer starts where the shared W got to, with fresh moments
                NDArray w = latent;
                latent = w.repeat(1, n).reshape(1, n, d);
                latent.attach(root);
                w.close();
                adam = new Adam(new Adam.Hyper(o.lr(), 0.9, 0.999, 1e-8), root);
                wPlus = true;
            }
            double t = (double) i / o.steps();
            double lr = learningRate(t, o.lr());
            double jitter = latentStd * o.latentNoise() * Math.pow(Math.max(0, 1 - t / o.noiseRamp()), 2);
            List<NDArray> params = new ArrayList<>(noises);
            params.add(latent);
            try (StepScope scope = StepScope.open(root, params)) {
                scope.attach(adam.arrays());
                NDManager m = scope.manager();
                NDArray lat = latent;
                lat.setRequiresGradient(true);
                noises.forEach(x -> x.setRequiresGradient(true));
                double[] parts = new double[3];
                NDArray img;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray jittered = lat.add(Ops.constant(m, gaussian(rng, (int) lat.size(), jitter), lat.getShape()));
                    NDArray wp = wPlus ? jittered : jittered.repeat(1, n).reshape(1, n, d);
                    img = g.synthesis(wp, Noise.explicit(noises));
                    NDArray mse = img.sub(target).square().mean();
                    NDArray loss = Ops.mul(mse, o.mseWeight());
                    parts[0] = mse.getFloat();
                    if (perceptual != null && o.perceptualWeight() > 0) {
                        NDArray p = perceptualLoss(img, targetFeatures);
                        parts[1] = p.getFloat();
                        loss = loss.add(Ops.mul(p, o.perceptualWeight()));
                    }
                    NDArray nl = InversionNoise.regularize(noises);
                    parts[2] = nl.getFloat();
                    loss = loss.add(Ops.mul(nl, o.noiseWeight()));
                    gc.backward(loss);
                }
                Map<String, NDArray> ps = new LinkedHashMap<>();
                Map<String, NDArray> grads = new LinkedHashMap<>();
                ps.put("latent", lat);
                grads.put("latent", lat.getGradient());
                for (int k = 0; k < noises.size(); k++) {
                    ps.put("noise" + k, noises.get(k));
                    grads.put("noise" + k, noises.get(k).getGradient());
                }
                adam.step(ps, grads, lr);
                try (GradMode off = GradMode.disabled()) {
                    grads.values().forEach(gr -> gr.subi(gr));
                    InversionNoise.normalize(noises);
                }
                lat.setRequiresGradient(false);
                noises.forEach(x -> x.setRequiresGradient(false));
                losses.add(parts);
                boolean show = (i + 1) % o.previewEvery() == 0 || i + 1 == o.steps();
                progress.accept(new Progress(i + 1, o.steps(), parts[0], parts[1], parts[2],
                        show ? Images.toArgb(img.stopGradient()).get(0) : null));
            }
        }
        NDArray wp = wPlus ? latent : latent.repeat(1, n).reshape(1, n, d);
        return InversionResult.of(g, wp, noises, target, losses);
    }

    /** 1 − cos of the perceptual features of the image and the target, on the whole and four 3/4 crops. */
    private NDArray perceptualLoss(NDArray img, NDArray targetFeatures) {
        NDArray a = perceptual.features(views(img));
        return Ops.rsub(1.0, a.mul(targetFeatures).sum(new int[] {1}).mean());
    }

    /** The target's features, once: they do not change. */
    private NDArray targetFeatures(NDArray target) {
        try (GradMode off = GradMode.disabled()) {
            NDArray f = perceptual.features(views(target)).stopGradient();
            f.attach(target.getManager());
            return f;
        }
    }

    /** The image and its four corner crops of 3/4 the side, each resized back to the full side. */
    private static NDArray views(NDArray img) {
        long s = img.getShape().get(2);
        long c = s * 3 / 4;
        List<NDArray> views = new ArrayList<>(List.of(img));
        for (long[] at : new long[][] {{0, 0}, {0, s - c}, {s - c, 0}, {s - c, s - c}}) {
            views.add(resize(img.get(":, :, " + at[0] + ":" + (at[0] + c) + ", " + at[1] + ":" + (at[1] + c)), s));
        }
        return NDArrays.concat(new NDList(views));
    }

    private static NDArray resize(NDArray x, long size) {
        return x.getNDArrayInternal().interpolation(new long[] {size, size}, 1, false);
    }

    /** rosinality's get_lr: cosine ramp-down over the last quarter, linear warm-up over the first 5%. */
    static double learningRate(double t, double initial) {
        double ramp = Math.min(1, (1 - t) / 0.25);
        ramp = 0.5 - 0.5 * Math.cos(ramp * Math.PI);
        ramp *= Math.min(1, t / 0.05);
        return initial * ramp;
    }

    private static float[] gaussian(Random rng, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
        return out;
    }
}
