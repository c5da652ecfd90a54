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
 * Trains the Shapes CLIP contrastively as CLIP is trained: symmetric cross-entropy over
 * exp(logit_scale)·cos(image, caption), logit_scale learnt and clamped at ln 100. A caption
 * counts as a positive for every image of the batch it is true of (soft targets), since short
 * captions repeat within a batch, and in part for a shape of blended color. Images go through
 * {@link ClipPreprocess}, as the NADA loss feeds generator output, varied by {@link ClipAugment}
 * in everything the captions leave unsaid.
 */
public final class ClipTrainer {
    /** @param blendProbability share of shapes painted in a blend of two colors ({@link ClipAugment}) */
    public record Options(int batch, double lr, double blendProbability, long seed) {
        public static Options defaults(long seed) {
            return new Options(64, 1e-3, 0.35, seed);
        }

        public Options withBlendProbability(double p) {
            return new Options(batch, lr, p, seed);
        }
    }

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
        this.augment = new ClipAugment(options.seed() + 2, options.blendProbability());
        this.preprocess = ClipPreprocess.forModel(model);
    }

    /** One step on a fresh batch; returns the loss before the update. */
    public float step() {
        int b = options.batch();
        List<Scene> scenes = sampler.next(b);
        List<Caption> captions = Captions.random(scenes, sampler.random());
        List<ClipAugment.Blend> blends = scenes.stream().map(augment::blend).toList();
        float[] match = new float[b * b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                match[i * b + j] = (float) blends.get(i).truth(captions.get(j), scenes.get(i));
            }
        }
        int[][] tokens = tokenizer.tokenize(captions.stream().map(Caption::text).toList(), true);
        List<NDArray> attached = new ArrayList<>(model.parameters());
        attached.addAll(adam.arrays());
        try (StepScope scope = StepScope.open(model.parameters().get(0).getManager(), attached)) {
            NDManager m = scope.manager();
            NDArray images = augment.batch(scenes, blends, m);
            NDArray targets = Ops.constant(m, match, new Shape(b, b));
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = loss(images, tokens, targets, m);
                gc.backward(loss);
            }
            float value = loss.getFloat();
            Map<String, NDArray> grads = new LinkedHashMap<>();
            params.forEach((k, p) -> grads.put(k, p.getGradient()));
            adam.step(params, grads);
            grads.values().forEach(g -> g.muli(0));
            if (logitScale.getFloat() > MAX_LOGIT_SCALE) {
                logitScale.muli(0).addi(MAX_LOGIT_SCALE);
            }
            return value;
        }
    }

    /** The symmetric contrastive loss of a batch. */
    private NDArray loss(NDArray images, int[][] tokens, NDArray targets, NDManager m) {
        NDArray img = ClipModel.normalize(model.encodeImage(preprocess.apply(images)));
        NDArray txt = ClipModel.normalize(model.encodeText(m, tokens));
        NDArray logits = img.matMul(txt.transpose()).mul(logitScale.exp());
        return Ops.div(softCrossEntropy(logits, targets).add(softCrossEntropy(logits.transpose(), targets.transpose())),
                2.0);
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
