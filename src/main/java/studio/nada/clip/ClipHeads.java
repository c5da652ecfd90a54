package studio.nada.clip;

import java.util.ArrayList;
import java.util.List;

/**
 * Attention head counts for a CLIP file. A state dict does not record them (heads do not change
 * any weight's shape); openai/CLIP's {@code build_model} takes width / 64, which is right for
 * OpenAI's models and wrong (0) for narrow ones such as the golden tiny CLIP (text width 32, 2
 * heads). What the file allows is inferred; what it does not is left 0 for the user to choose
 * among the {@link #choices} (the divisors of the width).
 */
public final class ClipHeads {
    /** The towers' widths and the heads inferred for each, 0 where the file does not tell. */
    public record Inferred(int visionWidth, int textWidth, int vision, int text) {
        public boolean complete() {
            return vision > 0 && text > 0;
        }
    }

    private ClipHeads() {}

    /** Reads the widths from the weights' shapes (as {@link ClipConfig#fromWeights} does). */
    public static Inferred infer(ClipWeights w) {
        long[] conv = w.shape("visual.conv1.weight");
        long[] ln = w.shape("ln_final.weight");
        if (conv == null || ln == null) {
            throw new IllegalArgumentException("not a ViT CLIP model: visual.conv1.weight or ln_final.weight is missing");
        }
        int vision = (int) conv[0];
        int text = (int) ln[0];
        return new Inferred(vision, text, openAi(vision), openAi(text));
    }

    /** OpenAI's width / 64 where it splits the width, else 0 (unknown). */
    static int openAi(int width) {
        int h = ClipConfig.defaultHeads(width);
        return h > 0 && width % h == 0 ? h : 0;
    }

    /** The head counts that split {@code width} evenly, ascending. */
    public static List<Integer> choices(int width) {
        List<Integer> out = new ArrayList<>();
        for (int h = 1; h <= width; h++) {
            if (width % h == 0) {
                out.add(h);
            }
        }
        return out;
    }
}
