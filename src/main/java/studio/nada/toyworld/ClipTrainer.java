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
import studio.nada.clip.ClipConfig;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipPreprocess;
import studio.nada.engine.StepScope;
import studio.nada.nada.Adam;
import studio.nada.weights.TensorData;

/**
 * Trains a Shapes CLIP as CLIP is trained, symmetric cross-entropy over
 * exp(logit_scale)·cos(image, caption) with logit_scale learnt and clamped at ln 100 (a caption
 * counts as a positive for every image of the batch it is true of: soft targets, since short
 * captions repeat within a batch), and, besides, holds the first {@link EmbeddingLayout#DIMS}
 * coordinates of both embeddings where the layout puts what the picture shows and what the
 * caption says, and makes twins agree on the rest ({@link LayoutBatch}). Images go through
 * {@link ClipPreprocess}, as the NADA loss feeds generator output.
 *
 * <p>Why the layout: a small CLIP trained only contrastively let NADA's directional loss be met
 * by changes nobody asked for (a tinted background, a shape faded or smeared, violet for blue),
 * and which of them a run found depended on the CPU's rounding (docs/shapes_eval.md).
 */
public final class ClipTrainer {
    public record Options(int batch, double lr, long seed) {
        public static Options defaults(long seed) {
            return new Options(64, 1e-3, seed);
        }
    }

    /** Weight of the held coordinates' squared distance to their targets. */
    static final double LAYOUT_WEIGHT = 10;
    /** Weight of the twins' squared distance on the free coordinates. */
    static final double TWIN_WEIGHT = 5;

    private static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    private final ClipModel model;
    private final ShapesTokenizer tokenizer;
    private final Options options;
    private final Map<String, NDArray> params;
    private final NDArray logitScale;
    private final Adam adam;
    private final SceneSampler sampler;
    private final ClipAugment augment;
    private final ClipPreprocess preprocess;

    public ClipTrainer(NDManager root, ClipConfig config, ShapesTokenizer tokenizer, Options options) {
        if (config.vocabSize() != tokenizer.vocabSize() || config.contextLength() != tokenizer.contextLength()) {
            throw new IllegalArgumentException("CLIP config (vocab " + config.vocabSize() + ", context "
                    + config.contextLength() + ") does not fit the tokenizer (vocab " + tokenizer.vocabSize()
                    + ", context " + tokenizer.contextLength() + ")");
        }
        NamedClipWeights weights = new NamedClipWeights(ClipInit.stateDict(config, options.seed()));
        this.model = ClipModel.build(weights, config, root);
        this.params = new LinkedHashMap<>(weights.loaded());
        this.logitScale = params.get("logit_scale");
        params.values().forEach(p -> p.setRequiresGradient(true));
        this.tokenizer = tokenizer;
        this.options = options;
        this.adam = new Adam(new Adam.Hyper(options.lr(), 0.9, 0.98, 1e-6), root);
        this.sampler = new SceneSampler(options.seed() + 1);
        this.augment = new ClipAugment(options.seed() + 2);
        this.preprocess = ClipPreprocess.forModel(model);
    }

    /** One step on a fresh batch; returns the loss before the update. */
    public float step() {
        LayoutBatch batch = LayoutBatch.draw(options.batch(), sampler, augment);
        int b = batch.size();
        int half = b / 2;
        int g = EmbeddingLayout.DIMS;
        int[][] tokens = tokenizer.tokenize(batch.texts(), true);
        List<NDArray> attached = new ArrayList<>(model.parameters());
        attached.addAll(adam.arrays());
        try (StepScope scope = StepScope.open(model.parameters().get(0).getManager(), attached)) {
            NDManager m = scope.manager();
            NDArray images = augment.paintedBatch(batch.scenes(), batch.forms(), batch.paints(), batch.nuisances(), m);
            NDArray targets = Ops.constant(m, batch.match(), new Shape(b, b));
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray img = ClipModel.normalize(model.encodeImage(preprocess.apply(images)));
                NDArray allTxt = ClipModel.normalize(model.encodeText(m, tokens));
                NDArray txt = allTxt.get("0:" + b);
                NDArray logits = img.matMul(txt.transpose()).mul(logitScale.exp());
                loss = Ops.div(softCrossEntropy(logits, targets)
                        .add(softCrossEntropy(logits.transpose(), targets.transpose())), 2.0);
                long d = img.getShape().get(1);
                NDArray held = selector(m, d, 0, g);
                NDArray free = selector(m, d, g, (int) d);
                NDArray geo = squaredDistance(img.matMul(held), Ops.constant(m, batch.imageTargets(), new Shape(b, g)))
                        .add(squaredDistance(allTxt.matMul(held), Ops.constant(m, batch.textTargets(), new Shape(2L * b, g))));
                NDArray freeImg = img.matMul(free);
                NDArray freeTxt = allTxt.matMul(free);
                NDArray twin = squaredDistance(freeImg.get("0:" + half), freeImg.get(half + ":"))
                        .add(squaredDistance(freeTxt.get("0:" + b), freeTxt.get(b + ":")));
                loss = loss.add(Ops.mul(geo, (float) LAYOUT_WEIGHT)).add(Ops.mul(twin, (float) TWIN_WEIGHT));
                gc.backward(loss);
            }
            float value = loss.getFloat();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            params.forEach((k, p) -> grads.put(k, p.getGradient()));
            adam.step(params, grads);
            grads.values().forEach(gr -> gr.muli(0));
            if (logitScale.getFloat() > MAX_LOGIT_SCALE) {
                logitScale.muli(0).addi(MAX_LOGIT_SCALE);
            }
            return value;
        }
    }

    /** [d, to − from]: picks embedding coordinates from..to−1 by a product. */
    private static NDArray selector(NDManager m, long d, int from, int to) {
        float[] pick = new float[(int) d * (to - from)];
        for (int k = from; k < to; k++) {
            pick[k * (to - from) + (k - from)] = 1;
        }
        return Ops.constant(m, pick, new Shape(d, to - from));
    }

    /** Mean over rows of the squared distance between two [n, k] arrays. */
    private static NDArray squaredDistance(NDArray a, NDArray b) {
        return a.sub(b).square().sum(new int[] {1}).mean();
    }

    /** Mean over rows of −Σ_j t_ij·log softmax(logits)_ij, with each target row summing to 1. */
    private static NDArray softCrossEntropy(NDArray logits, NDArray targets) {
        NDArray t = targets.div(targets.sum(new int[] {1}, true));
        return logits.logSoftmax(1).mul(t).sum(new int[] {1}).mean().neg();
    }

    public Options options() {
        return options;
    }

    public ClipModel model() {
        return model;
    }

    /** The weights under OpenAI's names (logit_scale as a 0-d tensor, as openai/CLIP stores it). */
    public Map<String, TensorData> stateDict() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, TensorData.of(p)));
        return out;
    }
}
