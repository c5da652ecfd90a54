package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.nada.nn.LayerNormBlock;
import studio.nada.nn.Transformer;

/** The text half of openai/CLIP ({@code CLIP.encode_text}): causal transformer, features at EOT. */
public final class TextTransformer {
    private final NDArray tokenEmbedding;
    private final NDArray positionalEmbedding;
    private final Transformer transformer;
    private final LayerNormBlock lnFinal;
    private final NDArray textProjection;
    private final NDArray attnMask;

    TextTransformer(NDArray tokenEmbedding, NDArray positionalEmbedding, Transformer transformer,
            LayerNormBlock lnFinal, NDArray textProjection, NDArray attnMask) {
        this.tokenEmbedding = tokenEmbedding;
        this.positionalEmbedding = positionalEmbedding;
        this.transformer = transformer;
        this.lnFinal = lnFinal;
        this.textProjection = textProjection;
        this.attnMask = attnMask;
    }

    /**
     * @param tokens [N, context] ids (int32 or int64), SOT ... EOT, zero padded
     * @param record where to put intermediates ({@code token_embedding}, {@code block<i>}, {@code ln_final}), or null
     * @return features [N, embed]
     */
    NDArray forward(NDArray tokens, Map<String, NDArray> record) {
        long n = tokens.getShape().get(0);
        long context = positionalEmbedding.getShape().get(0);
        long length = tokens.getShape().dimension() == 2 ? tokens.getShape().get(1) : -1;
        if (length < 1 || length > context) {
            throw new IllegalArgumentException("encodeText expects token ids [N, L] with L <= " + context + ", got "
                    + tokens.getShape());
        }
        // under the causal mask no position sees a later one, so ids cut after the last
        // end-of-text token give the same features as the padded row
        NDArray positions = length == context ? positionalEmbedding : positionalEmbedding.get(":" + length);
        NDArray mask = length == context ? attnMask : attnMask.get(":" + length + ", :" + length);
        NDArray ids = tokens.toType(DataType.INT64, false);
        NDArray x = Embedding.embedding(ids, tokenEmbedding, SparseFormat.DENSE).singletonOrThrow();
        put(record, "token_embedding", x);
        x = x.add(positions);
        if (record != null) {
            List<NDArray> blocks = transformer.forwardAll(x, mask);
            for (int i = 0; i < blocks.size(); i++) {
                put(record, "block" + i, blocks.get(i));
            }
            x = blocks.get(blocks.size() - 1);
        } else {
            x = transformer.forward(x, mask);
        }
        x = lnFinal.forward(x);
        put(record, "ln_final", x);
        // features at the end-of-text token: it has the largest id, so argmax finds it
        long[] eot = ids.argMax(1).toLongArray();
        long width = x.getShape().get(2);
        long[] index = new long[(int) (n * width)];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(index, (int) (i * width), (int) ((i + 1) * width), eot[i]);
        }
        NDArray at;
        try (NDArray blob = x.getManager().create(index, new Shape(n, 1, width))) {
            at = blob.duplicate(); // libtorch memory: gather saves its index for backward
        }
        return x.gather(at, 1).squeeze(1).matMul(textProjection);
    }

    private static void put(Map<String, NDArray> record, String key, NDArray value) {
        if (record != null) {
            record.put(key, value);
        }
    }

    List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>(List.of(tokenEmbedding, positionalEmbedding, textProjection, attnMask));
        p.addAll(transformer.parameters());
        p.addAll(lnFinal.parameters());
        return p;
    }
}
