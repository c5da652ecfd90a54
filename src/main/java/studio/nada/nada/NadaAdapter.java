package studio.nada.nada;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.StepScope;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;

/**
 * The dual-generator adapter (the reference's {@code ZSSGAN} plus its training loop): a frozen
 * generator and its trainable twin, CLIP guides, and the optimizer. {@link #step()} is one
 * iteration of StyleGAN-NADA; run it on the tensor thread.
 */
public final class NadaAdapter implements AutoCloseable {
    private final NDManager manager;
    private final Generator frozen;
    private final Generator trainable;
    private final List<ClipGuide> guides;
    private final NadaConfig config;
    private final RandomSource rng;
    private final Adam adam;
    private final Map<String, NDArray> optimized = new LinkedHashMap<>();
    private final List<NDArray> probeTargets = new ArrayList<>();
    /** z of the codes CLIP reads as most like the source, and of those held (null: every code drawn, as in the paper). */
    private SourceFilter.Codes sourceCodes;
    /** Most memory the held codes' frozen pictures may take when kept for the run. */
    private static final long MAX_KEPT_BYTES = 256L << 20;
    private final double totalWeight;
    private int iteration;
    /** The direction phase's update, made with the source codes at the first step (null in every other phase). */
    private CodeDirection direction;

    /** The trainable twin starts as a copy of {@code frozen}; both share the frozen mapping network. */
    public NadaAdapter(Generator frozen, List<ClipGuide> guides, NadaConfig config, RandomSource rng, NDManager parent) {
        if (guides.isEmpty()) {
            throw new IllegalArgumentException("at least one CLIP model is needed");
        }
        if (directionPhase(config) && !config.filtersSource()) {
            throw new IllegalArgumentException("the direction phase reads the source from the codes CLIP ranks: give a"
                    + " source pool larger than the batch (" + config.batch() + "), not " + config.sourcePool());
        }
        int wPlus = frozen.config().nLatent();
        if (config.layersK() < 0 || config.layersK() > wPlus) {
            throw new IllegalArgumentException("layers k must be 0 (all) to " + wPlus + ", this generator's W+ count; got "
                    + config.layersK());
        }
        this.manager = parent.newSubManager();
        this.frozen = frozen;
        this.trainable = new Generator(frozen.config(), frozen.params().copy(manager));
        this.guides = List.copyOf(guides);
        this.totalWeight = guides.stream().mapToDouble(ClipGuide::weight).sum();
        this.config = config;
        this.rng = rng;
        this.adam = new Adam(new Adam.Hyper(config.lr(), 0.0, Math.pow(0.99, 0.8), 1e-8), manager);
        List<String> names = phaseMode() ? SynthesisLayers.parameters(trainable, config.phase().layers(frozen.config()))
                : SynthesisLayers.parameters(trainable);
        for (String n : names) {
            optimized.put(n, trainable.params().get(n));
        }
        adam.initState(optimized);
        for (ClipGuide g : guides) {
            probeTargets.add(g.rawText(config.target()));
        }
    }

    /**
     * Refuses a text direction that is zero: source and target read as the same tokens by a CLIP
     * model ("photo" and "Photo ", or words outside a small model's vocabulary) give ΔT = 0, and
     * the run would only end in NaN. Image-guided directions are set from images and pass.
     */
    public void requireDirection() {
        String s = config.source(), t = config.target();
        for (ClipGuide g : guides) {
            if (!g.hasDirection(s, t) && g.readsAlike(s, t)) {
                throw new IllegalArgumentException("source " + PromptText.quoted(s) + " and target "
                        + PromptText.quoted(t) + " read as the same text to CLIP " + g.name() + " (after its text"
                        + " normalisation: case, spacing, and words it does not know): there is no direction between"
                        + " them to learn; give a target that differs");
            }
        }
    }

    public Generator frozen() {
        return frozen;
    }

    public Generator trainable() {
        return trainable;
    }

    public NadaConfig config() {
        return config;
    }

    public Adam optimizer() {
        return adam;
    }

    public List<ClipGuide> guides() {
        return guides;
    }

    /** Iterations done so far. */
    public int iteration() {
        return iteration;
    }

    /** Continues the count after a resume. */
    public void setIteration(int done) {
        this.iteration = done;
    }

    /** Restores a checkpoint's weights, optimizer state and iteration count (resume). */
    public void restore(AdaptationCheckpoint.Contents c) {
        for (String name : trainable.params().names()) {
            studio.nada.weights.TensorData t = c.generator().get(name);
            if (t == null) {
                throw new IllegalArgumentException("checkpoint lacks '" + name + "' of the generator being adapted");
            }
            NDArray p = trainable.params().get(name);
            if (!java.util.Arrays.equals(t.shape(), p.getShape().getShape())) {
                throw new IllegalArgumentException("checkpoint's '" + name + "' has shape "
                        + java.util.Arrays.toString(t.shape()) + ", the generator's is " + p.getShape());
            }
            try (GradMode off = GradMode.disabled()) {
                p.set(t.toFloatArray());
            }
        }
        adam.load(c.adam());
        adam.initState(optimized);
        this.iteration = c.iteration();
    }

    /** Replaces the probe's target embeddings (image-guided runs without target text). */
    public void setProbeTargets(List<NDArray> targets) {
        probeTargets.clear();
        probeTargets.addAll(targets);
    }

    private boolean phaseMode() {
        return config.autoLayerIters() == 0;
    }

    private static boolean directionPhase(NadaConfig config) {
        return config.autoLayerIters() == 0 && config.phase() == PhasePreset.DIRECTION;
    }

    /** One adaptation step; the weights stay unchanged when the loss is not finite. */
    public StepResult step() {
        long t0 = System.nanoTime();
        if (config.filtersSource() && sourceCodes == null) {
            int keep = SourceFilter.keep(config.batch(), config.sourcePool());
            boolean reuse = readsFrozenOnce();
            sourceCodes = SourceFilter.split(frozen, guides, config.source(), config.target(), keep, config.seed(),
                    manager, reuse, reuse && (config.holdsOthers() || config.contrastView() > 0));
        }
        if (directionPhase(config) && direction == null) {
            direction = new CodeDirection(frozen, optimized.keySet(), sourceCodes, manager);
            direction.recover(optimized); // 0 on a fresh run; where a resumed run's weights left it
            adam.initState(Map.of(CodeDirection.PARAMETER, direction.alpha()));
        }
        rng.reseed(config.seed() * 1_000_003L + iteration);
        int n = frozen.config().nLatent();
        int k = config.k(n);
        try (StepScope scope = StepScope.open(manager, frozen.arrays())) {
            scope.attach(trainable.arrays()).attach(adam.arrays());
            if (direction != null) {
                scope.attach(direction.arrays());
            }
            guides.forEach(g -> scope.attach(g.cachedArrays()));
            NDManager m = scope.manager();
            Map<String, Long> phases = new LinkedHashMap<>();
            long[] mark = {System.nanoTime()};
            int b = config.batch();
            boolean holding = config.holdsOthers();
            // this iteration's rows of the source bank and of the held codes (null: drawn at random, none)
            int[] sourceRows = sourceCodes == null ? null
                    : StepDraws.sourceRows(config.seed(), iteration, rows(sourceCodes.source()), b);
            int[] heldRows = holding ? StepDraws.heldRows(config.seed(), iteration, rows(sourceCodes.held())) : null;
            NDArray wPlus = sampleLatents(m, n, sourceRows, heldRows);

            float[] scores = null;
            int[] chosen;
            List<String> layers;
            setRequiresGradient(Set.of());
            if (phaseMode()) {
                chosen = new int[0];
                layers = config.phase().layers(frozen.config());
            } else if (k < n) {
                LayerSelector.Selection sel = LayerSelector.select(frozen, trainable, guides, probeTargets, k,
                        config.autoLayerBatch(), config.autoLayerIters(), rng, m);
                scores = sel.scores();
                chosen = sel.chosen();
                lap(phases, "probe", mark);
                layers = config.layerMapping().layers(chosen, frozen.config());
            } else {
                chosen = java.util.stream.IntStream.range(0, n).toArray();
                layers = config.layerMapping().layers(chosen, frozen.config());
            }
            Set<String> chosenParams = new HashSet<>(SynthesisLayers.parameters(trainable, layers));
            chosenParams.retainAll(optimized.keySet());

            NDArray heldFrozen = null;
            NDArray shownFrozen = null; // the trained rows' frozen pictures, where the hold or the contrast view reads them
            boolean readsShown = config.contrastView() > 0 || holding && config.holdBackground();
            List<NDArray> srcFeatures = new ArrayList<>();
            if (sourceCodes != null && sourceCodes.frozen() != null) {
                // read, not drawn: the same pictures (the frozen generator ignores noise), but the
                // trained pass's noise is still drawn after the maps this pass would have drawn
                Noise.drawRandom(frozen, rng, wPlus.getShape().get(0), m);
                SourceFilter.Frozen kept = sourceCodes.frozen();
                for (NDArray features : kept.sourceFeatures()) {
                    srcFeatures.add(rowsOf(features, sourceRows, m));
                }
                heldFrozen = holding ? rowsOf(kept.heldImages(), heldRows, m) : null;
                shownFrozen = readsShown ? rowsOf(kept.sourceImages(), sourceRows, m) : null;
            } else {
                // the frozen pass keeps only its images and their CLIP features: its intermediates are
                // freed before the trained pass starts, which lowers the step's peak memory
                try (GradMode off = GradMode.disabled(); StepScope f = StepScope.open(m, frozen.arrays())) {
                    guides.forEach(g -> f.attach(g.cachedArrays()));
                    NDArray srcImg = frozen.synthesis(wPlus, Noise.random(rng));
                    NDArray shown = holding ? srcImg.get("0:" + b) : srcImg;
                    for (ClipGuide g : guides) {
                        srcFeatures.add(g.imageFeatures(shown));
                    }
                    srcImg.getFloat(0, 0, 0, 0); // synchronize (CUDA) so the phase times mean something
                    if (holding) {
                        heldFrozen = srcImg.get(b + ":");
                        heldFrozen.attach(m);
                    }
                    if (readsShown) {
                        shownFrozen = shown;
                        shownFrozen.attach(m);
                    }
                    srcFeatures.forEach(a -> a.attach(m));
                }
            }
            lap(phases, "frozen", mark);
            setRequiresGradient(chosenParams);
            Map<String, Double> perModel = new LinkedHashMap<>();
            NDArray loss;
            double targetSimilarity;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray dstAll = trainable.synthesis(wPlus, Noise.random(rng));
                NDArray dstImg = holding ? dstAll.get("0:" + b) : dstAll;
                loss = holding ? Hold.loss(config, heldFrozen, dstAll.get(b + ":")) : null;
                if (holding && config.holdBackground()) {
                    loss = loss.add(Hold.loss(config, shownFrozen, dstImg)); // their own background too
                }
                NDArray similarity = null;
                for (int gi = 0; gi < guides.size(); gi++) {
                    ClipGuide g = guides.get(gi);
                    NDArray dstFeatures = g.imageFeatures(dstImg);
                    NDArray part = ClipLosses.directional(g, srcFeatures.get(gi), dstFeatures, dstImg,
                            g.textDirection(config.source(), config.target()), config.directionFloor());
                    if (config.contrastView() > 0) {
                        part = ContrastView.directional(g, config, part, shownFrozen, dstImg);
                    }
                    NDArray sim = Ops.mul(dstFeatures.stopGradient().matMul(probeTargets.get(gi).transpose()).mean(),
                            g.weight() / totalWeight);
                    similarity = similarity == null ? sim : similarity.add(sim);
                    perModel.put(g.name(), (double) part.getFloat());
                    NDArray weighted = Ops.mul(part, g.weight());
                    loss = loss == null ? weighted : loss.add(weighted);
                }
                double value = loss.getFloat();
                targetSimilarity = similarity.getFloat();
                lap(phases, "forward+loss", mark);
                if (!Double.isFinite(value)) {
                    setRequiresGradient(Set.of());
                    throw new NonFiniteLossException(iteration + 1, value);
                }
                gc.backward(loss);
            }
            lap(phases, "backward", mark);
            Map<String, NDArray> grads = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : optimized.entrySet()) {
                if (chosenParams.contains(e.getKey())) {
                    grads.put(e.getKey(), e.getValue().getGradient());
                } else if (!phaseMode() && config.stepUnchosenLayers()) {
                    // unchosen layers carry a zero gradient: step count and v advance (reference semantics)
                    grads.put(e.getKey(), m.zeros(e.getValue().getShape()));
                }
            }
            checkFinite(grads, chosenParams);
            if (direction != null) {
                adam.step(Map.of(CodeDirection.PARAMETER, direction.alpha()),
                        Map.of(CodeDirection.PARAMETER, direction.gradient(grads)), config.lrAt(iteration), config.maxUpdateRms());
                direction.apply(optimized);
            } else {
                adam.step(optimized, grads, config.lrAt(iteration), config.maxUpdateRms());
            }
            try (GradMode off = GradMode.disabled()) {
                for (String p : chosenParams) {
                    NDArray g = grads.get(p);
                    g.subi(g);
                }
            }
            setRequiresGradient(Set.of());
            lap(phases, "optimizer", mark);
            iteration++;
            return new StepResult(iteration, loss.getFloat(), targetSimilarity, perModel, scores, chosen, layers,
                    (System.nanoTime() - t0) / 1_000_000, phases);
        }
    }

    private static void lap(Map<String, Long> phases, String name, long[] mark) {
        long now = System.nanoTime();
        phases.merge(name, (now - mark[0]) / 1_000_000, Long::sum);
        mark[0] = now;
    }

    /** An infinite gradient would turn the weights into NaN through Adam: stop before it does. */
    private void checkFinite(Map<String, NDArray> grads, Set<String> chosenParams) {
        NDArray total = null;
        for (String p : chosenParams) {
            NDArray s = grads.get(p).abs().sum();
            total = total == null ? s : total.add(s);
        }
        // one reduction and one read per step, not one per parameter
        float value = total == null ? 0f : total.getFloat();
        if (!Float.isFinite(value)) {
            setRequiresGradient(Set.of());
            throw new NonFiniteLossException(iteration + 1, value);
        }
    }

    /** z (and, with probability {@code mixing}, a second z and one shared crossover) to W+. */
    private NDArray sampleLatents(NDManager m, int n, int[] sourceRows, int[] heldRows) {
        int d = frozen.config().styleDim();
        NDArray z = sourceRows == null ? rng.normal(m, new Shape(config.batch(), d))
                : rowsOf(sourceCodes.source(), sourceRows, m);
        if (heldRows != null) {
            z = z.concat(rowsOf(sourceCodes.held(), heldRows, m));
        }
        int inject = StepDraws.mixingCrossover(config.seed(), iteration, config.mixing(), n);
        try (GradMode off = GradMode.disabled()) {
            if (inject > 0) {
                NDArray z2 = rng.normal(m, new Shape(z.getShape().get(0), d));
                return Latents.mix(frozen.style(z), frozen.style(z2), inject, n);
            }
            return Latents.toWPlus(frozen.style(z), n);
        }
    }

    private static int rows(NDArray table) {
        return (int) table.getShape().get(0);
    }

    private static NDArray rowsOf(NDArray table, int[] rows, NDManager m) {
        NDArray picked = table.get(new NDIndex("{}", m.create(rows)));
        picked.attach(m); // results attach to the receiver's manager: the run's, which would grow every step
        return picked;
    }

    /**
     * Whether the frozen side of a step can be read from the source filter's scoring pass instead
     * of drawn every step: the codes come from the filter's bank, the frozen generator's pictures
     * depend on W+ alone (no noise strength, no style mixing), and the held codes' pictures fit in
     * {@link #MAX_KEPT_BYTES}. The Shapes world's generator draws no noise; FFHQ's does, and keeps
     * the paper's per-step pass.
     */
    boolean readsFrozenOnce() {
        long size = frozen.config().size();
        long bytes = (long) SourceFilter.keep(config.batch(), config.sourcePool()) * 3 * size * size * Float.BYTES;
        return config.filtersSource() && config.mixing() == 0 && bytes <= MAX_KEPT_BYTES && frozen.ignoresNoise();
    }

    private void setRequiresGradient(Set<String> names) {
        for (Map.Entry<String, NDArray> e : optimized.entrySet()) {
            e.getValue().setRequiresGradient(names.contains(e.getKey()));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
