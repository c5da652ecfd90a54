package studio.nada.nada;

/**
 * One adaptation run's settings. Defaults follow StyleGAN-NADA's published command: 301
 * iterations, batch 2, all layers (k = n_latent), one probe step of batch 8, mixing 0, lr
 * 0.002·4/5. {@code layersK} ≤ 0 means n_latent.
 */
public record NadaConfig(String source, String target, int iterations, int batch, int layersK,
        int autoLayerIters, int autoLayerBatch, LayerMapping layerMapping, PhasePreset phase,
        double lr, double mixing, long seed, boolean stepUnchosenLayers, double directionFloor, int sourcePool,
        double holdWeight, boolean holdBackground, double contrastView, boolean anneal) {

    public NadaConfig {
        if (source == null || source.isBlank() || target == null || target.isBlank()) {
            throw new IllegalArgumentException("source and target descriptions must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (autoLayerIters < 0 || autoLayerBatch < 1) {
            throw new IllegalArgumentException("auto layer iterations must be >= 0 and its batch >= 1");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + lr);
        }
        if (mixing < 0 || mixing > 1) {
            throw new IllegalArgumentException("mixing must be a probability in [0, 1], got " + mixing);
        }
        if (!(directionFloor >= 0 && directionFloor <= 1)) {
            throw new IllegalArgumentException("direction floor must be in [0, 1], got " + directionFloor);
        }
        if (sourcePool < 0 || sourcePool > MAX_SOURCE_POOL) {
            throw new IllegalArgumentException("source pool must be 0 (off) to " + MAX_SOURCE_POOL + " codes, got "
                    + sourcePool);
        }
        if (!(holdWeight >= 0 && holdWeight <= MAX_HOLD_WEIGHT)) {
            throw new IllegalArgumentException("hold weight must be 0 (off) to " + (int) MAX_HOLD_WEIGHT + ", got "
                    + holdWeight);
        }
        if (!(contrastView == 0 || contrastView >= 1 && contrastView <= MAX_CONTRAST_VIEW)) {
            throw new IllegalArgumentException("contrast view must be 0 (off) or 1 to " + (int) MAX_CONTRAST_VIEW
                    + ", got " + contrastView);
        }
        source = source.trim();
        target = target.trim();
    }

    public static NadaConfig defaults(String source, String target) {
        return new NadaConfig(source, target, 301, 2, 0, 1, 8, LayerMapping.UPSTREAM, PhasePreset.NONE,
                Adam.Hyper.nada().lr(), 0.0, 0L, true, 0, 0, 0, false, 0, false);
    }

    public NadaConfig withPrompt(String from, String to) {
        return new NadaConfig(from, to, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping, phase,
                lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withIterations(int n) {
        return new NadaConfig(source, target, n, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping, phase,
                lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withLayersK(int k) {
        return new NadaConfig(source, target, iterations, batch, k, autoLayerIters, autoLayerBatch, layerMapping, phase,
                lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withBatch(int b) {
        return new NadaConfig(source, target, iterations, b, layersK, autoLayerIters, autoLayerBatch, layerMapping, phase,
                lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withSeed(long s) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, s, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withMixing(double p) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, p, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    /** The same run with the layer probe optimizing {@code codes} codes. */
    public NadaConfig withAutoLayerBatch(int codes) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, codes, layerMapping, phase,
                lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withLayerSelection(int k, int iters, LayerMapping mapping, PhasePreset preset) {
        return new NadaConfig(source, target, iterations, batch, k, iters, autoLayerBatch, mapping, preset, lr, mixing,
                seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    public NadaConfig withLr(double rate) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, rate, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    /**
     * With {@code false}, only the chosen layers are stepped (PyTorch 2's zero_grad(set_to_none));
     * the default {@code true} is the reference's: every synthesis parameter is stepped, the
     * unchosen ones with a zero gradient, so their step counts and second moments advance.
     */
    public NadaConfig withStepUnchosenLayers(boolean step) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, step, directionFloor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    /**
     * The same run with the directional loss's |ΔI| floored at {@code floor} (0: the reference's
     * loss; see {@link ClipLosses#directional}).
     */
    public NadaConfig withDirectionFloor(double floor) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, floor, sourcePool, holdWeight, holdBackground, contrastView, anneal);
    }

    /**
     * The same run training on the share batch/{@code pool} of codes that CLIP reads as most like
     * the source (0, or a pool no larger than the batch: every code drawn, as in the paper; see
     * {@link SourceFilter}).
     */
    public NadaConfig withSourcePool(int pool) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, directionFloor, pool, holdWeight, holdBackground, contrastView, anneal);
    }

    /**
     * The same run holding the codes that do not show the source where they are, with this weight
     * on their pixel distance from the frozen generator's images (0: off, as in the paper; only with
     * a source pool, which is what tells the codes apart; see {@link SourceFilter}).
     */
    public NadaConfig withHoldWeight(double weight) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, weight, holdBackground, contrastView, anneal);
    }

    /**
     * The same run holding only the held pictures' background (pixels within {@link
     * Hold#BACKGROUND_TOLERANCE} of the picture's corner) instead of the whole picture: a
     * change that every sample shows (an outline: "shape" → "outline of a shape") has no codes that
     * already look like the target, so the held codes must change too, and only the background is
     * theirs to keep. The trained pictures' own background is held as well, with the same weight:
     * such a change draws within the shape, and a form that spills out of it (an oval from a circle)
     * is one the user did not ask for.
     */
    public NadaConfig withHoldBackground(boolean background) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, background, contrastView, anneal);
    }

    /**
     * The same run with CLIP also reading each trained picture, and its frozen twin, with their
     * departures from the frozen picture's background multiplied by {@code gain} (0: off, as in the
     * paper); the directional loss is the mean of the plain and this view's (see {@link ContrastView}).
     */
    public NadaConfig withContrastView(double gain) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground, gain, anneal);
    }

    /**
     * The same run annealed (not in the reference): the learning rate falls linearly from lr to 0
     * over the run, and each tensor's Adam update is clipped to RMS {@link #ANNEAL_MAX_UPDATE_RMS}
     * (Adafactor's update clipping). Why: with the paper's β1 = 0 and β2 = 0.99^0.8, one large
     * gradient after many small ones moves a weight up to 1/√(1 − β2) ≈ 11 times the learning rate
     * in one step. In the Shapes world's outline, with the falling rate alone 3 runs of 12 collapsed
     * (one on an infinite gradient), with the clipping too 1 of 27 (docs/shapes_eval.md, stop 48).
     */
    public NadaConfig withAnneal(boolean on) {
        return new NadaConfig(source, target, iterations, batch, layersK, autoLayerIters, autoLayerBatch, layerMapping,
                phase, lr, mixing, seed, stepUnchosenLayers, directionFloor, sourcePool, holdWeight, holdBackground,
                contrastView, on);
    }

    /** The largest RMS of one tensor's Adam update (in units of the learning rate) in an annealed run. */
    public static final double ANNEAL_MAX_UPDATE_RMS = 1;

    /** The learning rate of step {@code iteration} (0-based): lr, or with {@link #anneal} lr·(1 − iteration/iterations). */
    public double lrAt(int iteration) {
        return anneal ? lr * (1 - Math.min(iteration, iterations) / (double) iterations) : lr;
    }

    /** The RMS each tensor's Adam update is clipped to: {@link #ANNEAL_MAX_UPDATE_RMS} when annealed, else 0 (none). */
    public double maxUpdateRms() {
        return anneal ? ANNEAL_MAX_UPDATE_RMS : 0;
    }

    /** The largest contrast-view gain accepted. */
    public static final double MAX_CONTRAST_VIEW = 10;

    /** Whether each step also holds a code that does not show the source (see {@link #withHoldWeight}). */
    public boolean holdsOthers() {
        return filtersSource() && holdWeight > 0;
    }

    /** The largest hold weight accepted. */
    public static final double MAX_HOLD_WEIGHT = 1000;

    /** Whether steps train on source-like codes picked from a larger pool. */
    public boolean filtersSource() {
        return sourcePool > batch;
    }

    /** The largest source pool accepted (a share of 1/64 of the codes scored). */
    public static final int MAX_SOURCE_POOL = 64;

    /** k resolved against the generator's W+ length. */
    public int k(int nLatent) {
        return layersK <= 0 ? nLatent : layersK;
    }
}
