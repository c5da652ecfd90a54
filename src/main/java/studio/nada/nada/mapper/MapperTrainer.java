package studio.nada.nada.mapper;

import studio.nada.nn.Ops;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.nada.ClipGuide;
import studio.nada.nada.NonFiniteLossException;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;
import studio.nada.stylegan.Truncation;

/**
 * Trains a {@link LatentMapper} for a fixed generator (the original or an adapted one), as the
 * reference's coach: W+ from z truncated with ψ 0.7 toward the mean latent, x = G(w) and
 * x̂ = G(w + 0.1·M(w)) both with the stored noise, the loss of {@link MapperLosses} weighted by
 * the config's lambdas, Ranger on the mapper only. Run it on the tensor thread; each step is one
 * scope, so memory stays flat. The generator is only read: its weights are not trained.
 */
public final class MapperTrainer implements AutoCloseable {
    private final NDManager manager;
    private final Generator generator;
    private final MapperConfig config;
    private final RandomSource rng;
    private final MapperLosses losses;
    private final IdentityLoss identity;
    private final LatentMapper mapper;
    private final Ranger ranger;
    private final Map<String, NDArray> params;
    private final NDArray meanLatent;
    private int step;

    /**
     * @param meanLatent [1, D] latent to truncate toward (a checkpoint's latent_avg), or null for
     *     {@link Truncation#meanLatent}'s seeded mean
     * @param identity the identity loss, or null (the studio has no face-recognition model)
     */
    public MapperTrainer(Generator generator, NDArray meanLatent, List<ClipGuide> guides, MapperConfig config,
            RandomSource rng, IdentityLoss identity, NDManager parent) {
        this.manager = parent.newSubManager();
        this.generator = generator;
        this.config = config;
        this.rng = rng;
        this.identity = identity;
        this.losses = new MapperLosses(guides, generator.config().size(), config.description());
        try (StepScope scope = StepScope.open(manager, generator.arrays()); GradMode off = GradMode.disabled()) {
            NDArray mean = meanLatent != null ? meanLatent.duplicate() : Truncation.meanLatent(generator, null, scope.manager());
            mean.attach(manager);
            this.meanLatent = mean.reshape(1, -1);
        }
        rng.reseed(config.seed());
        this.mapper = LatentMapper.random(generator.config().styleDim(), generator.config().nLatent(),
                config.pixelNorm(), rng, manager);
        this.params = mapper.usedParameters();
        params.values().forEach(p -> p.setRequiresGradient(true));
        this.ranger = new Ranger(Ranger.Hyper.mapper(config.lr()), manager);
        ranger.initState(params);
        losses.cachedArrays();
    }

    public LatentMapper mapper() {
        return mapper;
    }

    public Ranger optimizer() {
        return ranger;
    }

    public MapperConfig config() {
        return config;
    }

    public int step() {
        return step;
    }

    /** W+ [B, n, D] for training: z → w, truncated toward the mean latent, repeated over the rows. */
    public NDArray sampleLatents(NDManager scope) {
        NDArray z = rng.normal(scope, new Shape(config.batch(), generator.config().styleDim()));
        try (GradMode off = GradMode.disabled()) {
            NDArray w = Latents.truncate(generator.style(z), meanLatent, config.truncation());
            return Latents.toWPlus(w, generator.config().nLatent());
        }
    }

    /** One step on freshly drawn latents. */
    public MapperStepResult trainStep() {
        rng.reseed(config.seed() * 1_000_003L + step + 1);
        try (StepScope scope = open()) {
            return train(sampleLatents(scope.manager()), scope);
        }
    }

    /** One step on the given W+ [B, n, D] (fixed batches: tests, comparisons). */
    public MapperStepResult trainStep(NDArray wPlus) {
        try (StepScope scope = open().attach(List.of(wPlus))) {
            return train(wPlus, scope);
        }
    }

    private StepScope open() {
        return StepScope.open(manager, mapper.arrays()).attach(generator.arrays()).attach(ranger.arrays())
                .attach(losses.cachedArrays()).attach(List.of(meanLatent));
    }

    private MapperStepResult train(NDArray w, StepScope scope) {
        long t0 = System.nanoTime();
        NDArray x;
        try (GradMode off = GradMode.disabled()) {
            x = generator.synthesis(w, Noise.stored());
        }
        NDArray loss;
        double clip = Double.NaN;
        double l2 = Double.NaN;
        double norm = Double.NaN;
        double id = Double.NaN;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray wHat = mapper.edit(w);
            NDArray xHat = generator.synthesis(wHat, Noise.stored());
            // as calc_loss: a term whose lambda is 0 is not computed at all
            // x̂ is encoded once per guide and shared by the CLIP and norm terms (the reference
            // encodes it twice, with the same values; encoding twice in one graph gave sporadic NaN
            // gradients here, see the report)
            List<NDArray> embeddings = config.clipLambda() > 0 || config.normLambda() > 0 ? losses.embed(xHat) : null;
            loss = scope.manager().zeros(new Shape());
            if (config.clipLambda() > 0) {
                NDArray part = losses.clip(embeddings);
                clip = part.getFloat();
                loss = loss.add(Ops.mul(part, config.clipLambda()));
            }
            if (config.latentL2Lambda() > 0) {
                NDArray part = MapperLosses.latentL2(wHat, w);
                l2 = part.getFloat();
                loss = loss.add(Ops.mul(part, config.latentL2Lambda()));
            }
            if (config.normLambda() > 0) {
                NDArray part = losses.norm(x, embeddings.get(0));
                norm = part.getFloat();
                loss = loss.add(Ops.mul(part, config.normLambda()));
            }
            if (identity != null && config.idLambda() > 0) {
                NDArray part = identity.loss(xHat, x);
                id = part.getFloat();
                loss = loss.add(Ops.mul(part, config.idLambda()));
            }
            double value = loss.getFloat();
            if (!Double.isFinite(value)) {
                throw new NonFiniteLossException(step + 1, value);
            }
            gc.backward(loss);
        }
        Map<String, NDArray> grads = new LinkedHashMap<>();
        params.forEach((k, p) -> grads.put(k, p.getGradient()));
        boolean skipped = !finite(grads);
        if (!skipped) {
            ranger.step(params, grads);
        }
        try (GradMode off = GradMode.disabled()) {
            grads.values().forEach(g -> g.subi(g));
        }
        step++;
        return new MapperStepResult(step, loss.getFloat(), clip, l2, norm, id, skipped,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Whether every gradient is finite. libtorch here returns a NaN gradient for a finite loss
     * about once in a thousand mapper steps (not reproducible with the same seeds; see the
     * report); like AMP's GradScaler, such a step is skipped rather than letting NaN reach the weights.
     */
    private static boolean finite(Map<String, NDArray> grads) {
        for (NDArray g : grads.values()) {
            if (!Float.isFinite(g.abs().sum().getFloat())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        manager.close();
    }
}
