package studio.nada.clip;

import java.util.List;

/**
 * Turns texts into the fixed-length id rows a CLIP text transformer reads: start token, ids,
 * end token (the largest id, where the features are taken), zero padding. OpenAI's BPE and the
 * Shapes world's small tokenizer both implement it.
 */
public interface TextTokenizer {
    /** One row of {@link #contextLength()} ids per text; too long is an error unless {@code truncate}. */
    int[][] tokenize(List<String> texts, boolean truncate);

    int contextLength();
}
