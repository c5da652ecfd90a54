package studio.nada.toyworld;

import studio.nada.nn.Ops;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import studio.nada.engine.StepScope;
import studio.nada.nada.Adam;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.GeneratorConfig;
import studio.nada.stylegan.GeneratorInit;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * Teaches a fresh StyleGAN2 generator to draw the world, supervised, in two stages. First the
 * synthesis network learns to draw each scene from its {@link SceneCode} (W repeated over W+):
 * the target is the render, the loss an L1 pyramid that weighs shape pixels 5× (small shapes
 * cover 4% of the image and would otherwise be learnt last). Then the mapping network learns z →
 * the code of {@link LatentScenes#fromZ} by mean squared error. A GAN is not needed because the
 * world is a known function of z, and this is stable and fast. Noise is zero in training, so the
 * noise weights stay 0 and samples do not depend on the noise mode.
 */
public final class GeneratorTrainer {
    /**
     * @param mappingLr Adam's rate for the mapping network's stored weights, which are scaled by
     *                  lr_mul 0.01 in the forward pass: the synthesis rate would barely move them
     * @param weightNoise σ of the Gaussian added to each synthesis conv weight for a step, in units
     *                    of that tensor's RMS (0: none); the gradient taken there updates the clean
     *                    weights, which teaches a network whose drawing bends little under a change
     *                    of its conv weights, as an adaptation makes
     */
    public record Options(int batch, double lr, int mappingBatch, double mappingLr, long seed, double weightNoise) {
        public static Options defaults(long seed) {
            return new Options(16, 0.004, 256, 0.2, seed, 0);
        }

        public Options withWeightNoise(double sigma) {
            return new Options(batch, lr, mappingBatch, mappingLr, seed, sigma);
        }
    }

    private static final float SHAPE_WEIGHT = 4f;
    private static final float TO_RGB_INIT = 0.1f;

    private final Generator generator;
    private final Options options;
    private final Random random;
    private final Map<String, NDArray> synthesis = new LinkedHashMap<>();
    private final Map<String, NDArray> mapping = new LinkedHashMap<>();
    private final Adam synthesisAdam;
    private final Adam mappingAdam;
    private int skipped;

    /** Initialises the generator with the engine seeded from {@code options.seed}. */
    public GeneratorTrainer(NDManager root, GeneratorConfig config, Options options) {
        root.getEngine().setRandomSeed((int) options.seed());
        this.generator = GeneratorInit.random(root, config);
        // quieter initial to_rgb layers: the sum of five random skip images starts as loud noise
        // that training would first have to cancel to reach the plain background
        for (String name : generator.params().names()) {
            if (name.startsWith("to_rgb") && name.endsWith(".conv.weight")) {
                generator.params().get(name).muli(TO_RGB_INIT);
            }
        }
        this.options = options;
        this.random = new Random(options.seed() + 1);
        for (String name : generator.params().parameterNames()) {
            NDArray p = generator.params().get(name);
            p.setRequiresGradient(true);
            (name.startsWith("style.") ? mapping : synthesis).put(name, p);
        }
        this.synthesisAdam = new Adam(new Adam.Hyper(options.lr(), 0.9, 0.99, 1e-8), root);
        this.mappingAdam = new Adam(new Adam.Hyper(options.mappingLr(), 0.9, 0.99, 1e-8), root);
    }

    /** One synthesis step on a fresh batch of scenes; returns the loss before the update. */
    public float synthesisStep() {
        int b = options.batch();
        int d = generator.config().styleDim();
        float[] codes = new float[b * d];
        List<Scene> scenes = new ArrayList<>();
        float[] weight = new float[b * ShapeRenderer.SIZE * ShapeRenderer.SIZE];
        for (int i = 0; i < b; i++) {
            Scene s = LatentScenes.fromZ(gaussian(d));
            scenes.add(s);
            System.arraycopy(SceneCode.of(s, d), 0, codes, i * d, d);
            float[] cov = ShapeRenderer.render(s).coverage();
            for (int k = 0; k < cov.length; k++) {
                weight[i * cov.length + k] = 1 + SHAPE_WEIGHT * cov[k];
            }
        }
        return step(synthesis, synthesisAdam, options.weightNoise(), m -> {
            NDArray target = ShapeRenderer.toTensor(scenes, m);
            NDArray w8 = Ops.constant(m, weight, new Shape(b, 1, ShapeRenderer.SIZE, ShapeRenderer.SIZE));
            NDArray w = Ops.constant(m, codes, new Shape(b, d));
            NDArray img = generator.synthesis(Latents.toWPlus(w, generator.config().nLatent()), Noise.zero());
            return pyramidL1(img.sub(target), w8);
        });
    }

    /** One mapping step: z → the code of its scene, mean squared error before the update. */
    public float mappingStep() {
        int b = options.mappingBatch();
        int d = generator.config().styleDim();
        float[] z = new float[b * d];
        float[] codes = new float[b * d];
        for (int i = 0; i < b; i++) {
            float[] zi = gaussian(d);
            System.arraycopy(zi, 0, z, i * d, d);
            System.arraycopy(SceneCode.of(LatentScenes.fromZ(zi), d), 0, codes, i * d, d);
        }
        return step(mapping, mappingAdam, 0, m -> generator.style(Ops.constant(m, z, new Shape(b, d)))
                .sub(Ops.constant(m, codes, new Shape(b, d))).square().mean());
    }

    private float[] gaussian(int d) {
        float[] z = new float[d];
        for (int j = 0; j < d; j++) {
            z[j] = (float) random.nextGaussian();
        }
        return z;
    }

    private float step(Map<String, NDArray> trained, Adam adam, double noise, Function<NDManager, NDArray> lossOf) {
        List<NDArray> attached = new ArrayList<>(generator.arrays());
        attached.addAll(synthesisAdam.arrays());
        attached.addAll(mappingAdam.arrays());
        try (StepScope scope = StepScope.open(generator.params().manager(), attached)) {
            Map<String, NDArray> shifts = perturb(scope.manager(), noise);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = lossOf.apply(scope.manager());
                gc.backward(loss);
            }
            shifts.forEach((name, shift) -> synthesis.get(name).subi(shift)); // clean weights before the update
            float value = loss.getFloat();
            Map<String, NDArray> grads = gradients(trained);
            if (finite(grads)) {
                adam.step(trained, grads);
            } else {
                skipped++;
            }
            for (NDArray p : generator.params().arrays()) {
                if (p.hasGradient()) {
                    p.getGradient().muli(0);
                }
            }
            return value;
        }
    }

    /**
     * Adds σ·RMS Gaussian noise to every synthesis conv weight (not the affines, not to_rgb);
     * returns each shift by parameter name (none when σ is 0).
     */
    private Map<String, NDArray> perturb(NDManager m, double sigma) {
        Map<String, NDArray> shifts = new LinkedHashMap<>();
        if (sigma <= 0) {
            return shifts;
        }
        synthesis.forEach((name, p) -> {
            if (name.endsWith(".conv.weight") && !name.startsWith("to_rgb")) {
                float rms = (float) Math.sqrt(p.square().mean().getFloat());
                NDArray shift = m.randomNormal(0, (float) sigma * rms, p.getShape(), p.getDataType());
                p.addi(shift);
                shifts.put(name, shift);
            }
        });
        return shifts;
    }

    /**
     * Weighted L1 of the difference at 64, 32, 16 and 8 px (2×2 means): the coarse levels tell the
     * generator early where the shape is and what color, before its edges are right.
     */
    private static NDArray pyramidL1(NDArray diff, NDArray weight) {
        NDArray loss = diff.abs().mul(weight).mean();
        for (int level = 0; level < 3; level++) {
            diff = halve(diff);
            weight = halve(weight);
            loss = loss.add(diff.abs().mul(weight).mean());
        }
        return loss;
    }

    private static NDArray halve(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) / 2, 2, s.get(3) / 2, 2).mean(new int[] {5}).mean(new int[] {3});
    }

    /**
     * Whether every gradient is finite; a step whose gradients are not is skipped, not applied.
     * With a fast mapping rate every parameter turned NaN at step 3 when the gradients went
     * straight to Adam, and not once they were read here first: the cause is not understood, so
     * the guard stays, and the build reports how many steps it skipped.
     */
    private static boolean finite(Map<String, NDArray> grads) {
        NDArray total = null;
        for (NDArray g : grads.values()) {
            NDArray s = g.square().sum();
            total = total == null ? s : total.add(s);
        }
        float v = total == null ? 0 : total.getFloat();
        return Float.isFinite(v);
    }

    /** Steps skipped for a non-finite gradient. */
    public int skippedSteps() {
        return skipped;
    }

    private static Map<String, NDArray> gradients(Map<String, NDArray> params) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        params.forEach((k, p) -> grads.put(k, p.getGradient()));
        return grads;
    }

    /** The trained generator; its parameters still require gradients (harmless for sampling). */
    public Generator generator() {
        return generator;
    }
}
