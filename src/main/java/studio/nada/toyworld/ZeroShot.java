package studio.nada.toyworld;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import studio.nada.clip.ClipModel;
import studio.nada.clip.ClipPreprocess;
import studio.nada.clip.TextTokenizer;
import studio.nada.engine.StepScope;

/**
 * CLIP's zero-shot classification of scenes: each class is a prompt ("a red shape", "a circle"),
 * an image is given the class whose prompt embedding is nearest. Used by the build's report and
 * the tests.
 */
public final class ZeroShot {
    /** Fraction of scenes whose color and whose shape CLIP names right. */
    public record Accuracy(double color, double shape, int count) {}

    private ZeroShot() {}

    public static Accuracy evaluate(ClipModel clip, TextTokenizer tokenizer, List<Scene> scenes, NDManager parent) {
        try (StepScope scope = StepScope.open(parent)) {
            NDManager m = scope.manager();
            NDArray images = ClipModel.normalize(
                    clip.encodeImage(ClipPreprocess.forModel(clip).apply(ShapeRenderer.toTensor(scenes, m))));
            return evaluate(clip, tokenizer, scenes, images, m);
        }
    }

    /** As above, for image features already computed (e.g. of generator samples). */
    public static Accuracy evaluate(ClipModel clip, TextTokenizer tokenizer, List<Scene> truth, NDArray features,
            NDManager m) {
        int[] colors = classify(clip, tokenizer, features, colorPrompts(), m);
        int[] shapes = classify(clip, tokenizer, features, shapePrompts(), m);
        int c = 0;
        int s = 0;
        for (int i = 0; i < truth.size(); i++) {
            c += colors[i] == truth.get(i).color().ordinal() ? 1 : 0;
            s += shapes[i] == truth.get(i).kind().ordinal() ? 1 : 0;
        }
        return new Accuracy(c / (double) truth.size(), s / (double) truth.size(), truth.size());
    }

    /** "a red shape", "a green shape", … in {@link ShapeColor} order. */
    public static List<String> colorPrompts() {
        return prompts(ShapeColor.values(), c -> "a " + c.word() + " shape");
    }

    /** "a circle", "a square", … in {@link ShapeKind} order. */
    public static List<String> shapePrompts() {
        return prompts(ShapeKind.values(), k -> "a " + k.word());
    }

    /** Index of the nearest prompt for each row of normalized image features. */
    public static int[] classify(ClipModel clip, TextTokenizer tokenizer, NDArray features, List<String> prompts,
            NDManager m) {
        NDArray text = ClipModel.normalize(clip.encodeText(m, tokenizer.tokenize(prompts, true)));
        long[] best = features.matMul(text.transpose()).argMax(1).toLongArray();
        int[] out = new int[best.length];
        for (int i = 0; i < best.length; i++) {
            out[i] = (int) best[i];
        }
        return out;
    }

    private static <T> List<String> prompts(T[] values, Function<T, String> text) {
        List<String> out = new ArrayList<>();
        for (T v : values) {
            out.add(text.apply(v));
        }
        return out;
    }
}
