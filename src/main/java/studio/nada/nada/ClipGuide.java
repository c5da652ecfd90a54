package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipPreprocess;
import studio.nada.clip.TextTokenizer;
import studio.nada.engine.GradMode;

/**
 * One CLIP model as a teacher (the reference's {@code CLIPLoss}): its tokenizer, the
 * differentiable preprocessing of generator output, its weight in the summed loss, and cached
 * text embeddings. Text work runs without gradient; image features keep theirs.
 */
public final class ClipGuide implements AutoCloseable {
    private final String name;
    private final ClipModel model;
    private final TextTokenizer tokenizer;
    private final ClipPreprocess preprocess;
    private final double weight;
    private final NDManager cache;
    private final Map<String, NDArray> directions = new HashMap<>();
    private final Map<String, NDArray> texts = new HashMap<>();

    /** @param owner manager the cached text embeddings live in (closed with this guide) */
    public ClipGuide(String name, ClipModel model, TextTokenizer tokenizer, double weight, NDManager owner) {
        this.name = name;
        this.model = model;
        this.tokenizer = tokenizer;
        this.preprocess = ClipPreprocess.forModel(model);
        this.weight = weight;
        this.cache = owner.newSubManager();
    }

    public String name() {
        return name;
    }

    public double weight() {
        return weight;
    }

    public ClipModel model() {
        return model;
    }

    public TextTokenizer tokenizer() {
        return tokenizer;
    }

    /** normalize(E_I(preprocess(images))), [B, embed]; attached to the images' manager. */
    public NDArray imageFeatures(NDArray images) {
        return ClipModel.normalize(model.encodeImage(preprocess.apply(images)));
    }

    /** Unnormalized E_I of already-normalized model input (style images). */
    public NDArray encodePreprocessed(NDArray normalizedInput) {
        return model.encodeImage(normalizedInput);
    }

    /**
     * Row-normalized text embeddings of {@code prompts}, [N, embed], computed without gradient, 32
     * prompts at a time so the transformer's intermediates never pile up (79 templates × 77
     * tokens at width 512 held gigabytes at once; rows are now cut to their prompts' length).
     */
    public NDArray textFeatures(List<String> prompts, NDManager scope) {
        final int chunk = 32;
        List<NDArray> parts = new java.util.ArrayList<>();
        try (GradMode off = GradMode.disabled()) {
            for (int i = 0; i < prompts.size(); i += chunk) {
                try (NDManager sub = scope.newSubManager()) {
                    int[][] ids = tokenizer.tokenize(prompts.subList(i, Math.min(prompts.size(), i + chunk)), false);
                    NDArray f = ClipModel.normalize(model.encodeText(sub, ids));
                    f.attach(scope);
                    parts.add(f);
                }
            }
        }
        return parts.size() == 1 ? parts.get(0) : ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(parts));
    }

    /**
     * ΔT: normalize(mean over the 79 templates of (E_T(target) − E_T(source))), each template
     * embedding normalized first; [1, embed], cached per prompt pair.
     */
    public NDArray textDirection(String source, String target) {
        return directions.computeIfAbsent(source + "\u0000" + target, k -> {
            try (NDManager tmp = cache.newSubManager()) {
                NDArray src = textFeatures(PromptTemplates.compose(source), tmp);
                NDArray dst = textFeatures(PromptTemplates.compose(target), tmp);
                NDArray dir = dst.sub(src).mean(new int[] {0}, true);
                NDArray out = ClipModel.normalize(dir);
                out.attach(cache);
                return out;
            }
        });
    }

    /** Whether a direction for this prompt pair was set from images (image-guided targets). */
    public boolean hasDirection(String source, String target) {
        return directions.containsKey(source + "\u0000" + target);
    }

    /** Whether this model's tokenizer reads both texts as the same tokens (after its text normalisation). */
    public boolean readsAlike(String a, String b) {
        int[][] ids = tokenizer.tokenize(List.of(a, b), true);
        return java.util.Arrays.equals(ids[0], ids[1]);
    }

    /** Overrides the direction for a prompt pair (image-guided targets). */
    public void setDirection(String source, String target, NDArray direction) {
        NDArray d = direction.duplicate();
        d.attach(cache);
        NDArray old = directions.put(source + "\u0000" + target, d);
        if (old != null) {
            old.close();
        }
    }

    /** A copy of {@code array} owned by this guide (lives as long as the guide). */
    NDArray keep(NDArray array) {
        NDArray d = array.duplicate();
        d.attach(cache);
        texts.put("\u0001kept" + texts.size(), d);
        return d;
    }

    /** Normalized embedding of one raw text (no templates), [1, embed], cached. */
    public NDArray rawText(String text) {
        return texts.computeIfAbsent(text, k -> {
            NDArray f = textFeatures(List.of(text), cache);
            return f;
        });
    }

    /** The cached text arrays, to tempAttach into a step scope (ops on them attach to their manager). */
    public List<NDArray> cachedArrays() {
        List<NDArray> out = new java.util.ArrayList<>(directions.values());
        out.addAll(texts.values());
        return out;
    }

    /** exp(logit_scale) of this model: 100 for OpenAI's, not for small ones. */
    public float logitScaleExp() {
        return (float) Math.exp(model.logitScale());
    }

    @Override
    public void close() {
        cache.close();
    }
}
