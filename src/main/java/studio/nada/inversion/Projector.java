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
 * A {@link Session} advances a few steps at a time, so the studio can interleave it with training
 * steps on the one tensor thread. Tensor thread only.
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

    /** Inverts {@code target} in one go (see {@link #start}). */
    public InversionResult project(NDArray target, float[] start, Consumer<Progress> progress, BooleanSupplier cancelled) {
        try (Session s = start(target, start)) {
            while (!s.done()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("inversion cancelled");
                }
                progress.accept(s.step());
            }
            return s.result();
        }
    }

    /**
     * Starts inverting {@code target} ([1,3,S,S] in [-1,1] at the generator's size); {@code
     * start}, when not null, is an encoder's W+ [n_latent·D] to begin from instead of the mean.
     */
    public Session start(NDArray target, float[] start) {
        return new Session(target, start);
    }

    /** One projection under way: its latent, noise maps and optimizer state, in its own manager. */
    public final class Session implements AutoCloseable {
        private final NDManager manager;
        private final NDArray target;
        private final NDArray targetFeatures;
        private final Random rng = new Random(o.seed());
        private final int n = g.config().nLatent();
        private final int d = g.config().styleDim();
        private final double latentStd;
        private final List<NDArray> noises;
        private final List<double[]> losses = new ArrayList<>();
        private final int wSteps;
        /** From an encoder's guess the projection refines: a tenth of the learning rate, no jitter. */
        private final double refine;
        private NDArray latent;
        private boolean wPlus;
        private Adam adam;
        private int i;

        private Session(NDArray targetImage, float[] start) {
            manager = g.params().manager().newSubManager();
            target = targetImage.duplicate();
            target.attach(manager);
            float[][] stats = LatentStats.of(g, manager);
            latentStd = stats[1][0];
            latent = start != null ? Ops.constant(manager, start.clone(), new Shape(1, n, d))
                    : Ops.constant(manager, stats[0].clone(), new Shape(1, 1, d));
            latent.attach(manager);
            wPlus = start != null;
            wSteps = start != null ? 0 : o.steps() / 4;
            refine = start != null ? 0.1 : 1.0;
            noises = InversionNoise.initial(g, rng, manager);
            adam = newAdam();
            targetFeatures = perceptual != null && o.perceptualWeight() > 0 ? targetFeatures(target) : null;
        }

        public boolean done() {
            return i >= o.steps();
        }

        /** One optimization step. */
        public Progress step() {
            if (!wPlus && i >= wSteps) {
                // from W to W+: every layer starts where the shared W got to, with fresh moments
                NDArray w = latent;
                latent = w.repeat(1, n);
                latent.attach(manager);
                w.close();
                adam = newAdam();
                wPlus = true;
            }
            double t = (double) i / o.steps();
            double jitter = refine < 1 ? 0 : latentStd * o.latentNoise() * Math.pow(Math.max(0, 1 - t / o.noiseRamp()), 2);
            List<NDArray> params = new ArrayList<>(noises);
            params.add(latent);
            try (StepScope scope = StepScope.open(manager, params)) {
                scope.attach(g.arrays()); // results computed from the weights must land in the scope too
                scope.attach(adam.arrays());
                scope.attach(List.of(target));
                if (targetFeatures != null) {
                    scope.attach(List.of(targetFeatures));
                }
                NDManager m = scope.manager();
                params.forEach(x -> x.setRequiresGradient(true));
                double[] parts = new double[3];
                NDArray img;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray jittered = latent.add(Ops.constant(m, gaussian((int) latent.size(), jitter), latent.getShape()));
                    NDArray wp = wPlus ? jittered : jittered.repeat(1, n);
                    img = g.synthesis(wp, Noise.explicit(noises));
                    NDArray mse = img.sub(target).square().mean();
                    NDArray loss = Ops.mul(mse, o.mseWeight());
                    parts[0] = mse.getFloat();
                    if (targetFeatures != null) {
                        NDArray p = Ops.rsub(1.0, perceptual.features(views(img)).mul(targetFeatures)
                                .sum(new int[] {1}).mean());
                        parts[1] = p.getFloat();
                        loss = loss.add(Ops.mul(p, o.perceptualWeight()));
                    }
                    NDArray nl = InversionNoise.regularize(noises);
                    parts[2] = nl.getFloat();
                    gc.backward(loss.add(Ops.mul(nl, o.noiseWeight())));
                }
                Map<String, NDArray> ps = new LinkedHashMap<>();
                Map<String, NDArray> grads = new LinkedHashMap<>();
                for (int k = 0; k < params.size(); k++) {
                    ps.put("p" + k, params.get(k));
                    grads.put("p" + k, params.get(k).getGradient());
                }
                adam.step(ps, grads, learningRate(t, o.lr() * refine));
                try (GradMode off = GradMode.disabled()) {
                    grads.values().forEach(gr -> gr.subi(gr));
                    InversionNoise.normalize(noises);
                }
                params.forEach(x -> x.setRequiresGradient(false));
                losses.add(parts);
                i++;
                boolean show = i % o.previewEvery() == 0 || i == o.steps();
                return new Progress(i, o.steps(), parts[0], parts[1], parts[2],
                        show ? Images.toArgb(img.stopGradient()).get(0) : null);
            }
        }

        /** The outcome so far (the whole projection once {@link #done()}). */
        public InversionResult result() {
            List<NDArray> held = new ArrayList<>(noises);
            held.add(latent);
            held.add(target);
            try (StepScope scope = StepScope.open(manager, held)) {
                scope.attach(g.arrays());
                NDArray wp = wPlus ? latent : latent.repeat(1, n);
                return InversionResult.of(g, wp, noises, target, losses);
            }
        }

        private Adam newAdam() {
            return new Adam(new Adam.Hyper(o.lr(), 0.9, 0.999, 1e-8), manager);
        }

        private float[] gaussian(int count, double std) {
            float[] out = new float[count];
            for (int k = 0; k < count; k++) {
                out[k] = (float) (rng.nextGaussian() * std);
            }
            return out;
        }

        @Override
        public void close() {
            manager.close();
        }
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
            NDArray crop = img.get(":, :, " + at[0] + ":" + (at[0] + c) + ", " + at[1] + ":" + (at[1] + c));
            views.add(crop.getNDArrayInternal().interpolation(new long[] {s, s}, 1, false));
        }
        return NDArrays.concat(new NDList(views));
    }

    /** rosinality's get_lr: cosine ramp-down over the last quarter, linear warm-up over the first 5%. */
    static double learningRate(double t, double initial) {
        double ramp = Math.min(1, (1 - t) / 0.25);
        ramp = 0.5 - 0.5 * Math.cos(ramp * Math.PI);
        ramp *= Math.min(1, t / 0.05);
        return initial * ramp;
    }
}
