package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.nada.weights.TensorData;

/**
 * OpenAI's CLIP, vision-transformer variant ({@code CLIP} in openai/CLIP model.py), fp32. The
 * model owns a sub-manager holding its weights; close the model to free them.
 *
 * <p>The encode methods attach their results (and every intermediate) to the input's manager, so
 * calling them inside a {@code StepScope} keeps memory flat; the weights need no attaching.
 */
public final class ClipModel implements AutoCloseable {
    private final ClipConfig config;
    private final NDManager manager;
    private final VisionTransformer visual;
    private final TextTransformer text;
    private final NDArray logitScale;

    private ClipModel(ClipConfig config, NDManager manager, VisionTransformer visual, TextTransformer text,
            NDArray logitScale) {
        this.config = config;
        this.manager = manager;
        this.visual = visual;
        this.text = text;
        this.logitScale = logitScale;
    }

    /** Loads a state dict (OpenAI or Hugging Face names) with OpenAI's head counts (width / 64). */
    public static ClipModel load(Map<String, TensorData> stateDict, NDManager parent) {
        return load(stateDict, parent, 0, 0);
    }

    /** As {@link #load(Map, NDManager)} with explicit head counts (0 = OpenAI's default). */
    public static ClipModel load(Map<String, TensorData> stateDict, NDManager parent, int visionHeads, int textHeads) {
        ClipWeights weights = ClipWeights.of(stateDict);
        return build(weights, ClipConfig.fromWeights(weights, visionHeads, textHeads), parent);
    }

    /** Builds the model from any source, checking every tensor's shape against {@code config}. */
    public static ClipModel build(ClipWeights weights, ClipConfig config, NDManager parent) {
        NDManager manager = parent.newSubManager();
        try {
            ClipAssembler a = new ClipAssembler(weights, manager);
            VisionTransformer visual = a.visual(config);
            TextTransformer text = a.text(config);
            NDArray logitScale = a.take("logit_scale").reshape(new Shape());
            return new ClipModel(config, manager, visual, text, logitScale);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A model of {@code config}'s size with seeded random weights (benchmarks). */
    public static ClipModel random(ClipConfig config, NDManager parent, long seed) {
        return build(ClipWeights.random(seed), config, parent);
    }

    /** Normalized images [B, 3, R, R] (see {@link ClipPreprocess}) -> unnormalized features [B, embed]. */
    public NDArray encodeImage(NDArray images) {
        return encodeImage(images, null);
    }

    /** As {@link #encodeImage(NDArray)}, also recording intermediates into {@code record}. */
    public NDArray encodeImage(NDArray images, Map<String, NDArray> record) {
        Shape s = images.getShape();
        int r = config.imageResolution();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != r || s.get(3) != r) {
            throw new IllegalArgumentException("encodeImage expects normalized images [B, 3, " + r + ", " + r
                    + "] (see ClipPreprocess), got " + s);
        }
        return visual.forward(images, record);
    }

    /** Token ids [N, context] (int32 or int64) -> unnormalized features [N, embed]. */
    public NDArray encodeText(NDArray tokens) {
        return text.forward(tokens, null);
    }

    public NDArray encodeText(NDArray tokens, Map<String, NDArray> record) {
        return text.forward(tokens, record);
    }

    /**
     * Token ids as Java arrays, created on {@code scope}, where the result attaches too. The rows
     * are cut after the batch's last end-of-text token (the largest id of each row): the padding
     * after it cannot change the features (causal mask), and a short prompt then costs its own
     * length, not the 77-token context (the 79-template text direction ran 5x faster).
     */
    public NDArray encodeText(NDManager scope, int[][] tokens) {
        int context = config.contextLength();
        int length = 1;
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i].length != context) {
                throw new IllegalArgumentException("token row " + i + " has " + tokens[i].length + " ids, expected " + context);
            }
            int eot = 0;
            for (int j = 1; j < context; j++) {
                eot = tokens[i][j] > tokens[i][eot] ? j : eot;
            }
            length = Math.max(length, eot + 1);
        }
        int[] flat = new int[tokens.length * length];
        for (int i = 0; i < tokens.length; i++) {
            System.arraycopy(tokens[i], 0, flat, i * length, length);
        }
        return encodeText(studio.nada.nn.Ops.constant(scope, flat, new Shape(tokens.length, length)));
    }

    /** The learned temperature parameter; {@code exp} of it multiplies cosine similarities. */
    public float logitScale() {
        return logitScale.getFloat();
    }

    /** exp(logit_scale) * cos(image_i, text_j): CLIP's {@code logits_per_image} [B, N]. */
    public NDArray logitsPerImage(NDArray imageFeatures, NDArray textFeatures) {
        NDArray img = normalize(imageFeatures);
        NDArray txt = normalize(textFeatures);
        return img.matMul(txt.transpose()).mul(logitScale.exp());
    }

    /** Rows divided by their L2 norm. */
    public static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true));
    }

    public ClipConfig config() {
        return config;
    }

    /** Every weight tensor (for {@code StepScope.open(root, params)} and freezing checks). */
    public List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>(visual.parameters());
        p.addAll(text.parameters());
        p.add(logitScale);
        return p;
    }

    @Override
    public void close() {
        manager.close();
    }
}
