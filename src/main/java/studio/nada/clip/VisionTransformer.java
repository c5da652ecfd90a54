package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import studio.nada.nn.LayerNormBlock;
import studio.nada.nn.Transformer;

/** openai/CLIP's {@code VisionTransformer}: patches, class token, pre-LN transformer, projection. */
public final class VisionTransformer {
    private final NDArray conv1;
    private final NDArray classEmbedding;
    private final NDArray positionalEmbedding;
    private final LayerNormBlock lnPre;
    private final Transformer transformer;
    private final LayerNormBlock lnPost;
    private final NDArray proj;
    private final int patchSize;

    VisionTransformer(NDArray conv1, NDArray classEmbedding, NDArray positionalEmbedding, LayerNormBlock lnPre,
            Transformer transformer, LayerNormBlock lnPost, NDArray proj, int patchSize) {
        this.conv1 = conv1;
        this.classEmbedding = classEmbedding;
        this.positionalEmbedding = positionalEmbedding;
        this.lnPre = lnPre;
        this.transformer = transformer;
        this.lnPost = lnPost;
        this.proj = proj;
        this.patchSize = patchSize;
    }

    /**
     * Every op takes the activation as receiver, so results attach to the input's manager.
     *
     * @param x      normalized images [B, 3, R, R]
     * @param record where to put intermediates ({@code ln_pre}, {@code block<i>}, {@code ln_post}), or null
     * @return features [B, embed]
     */
    NDArray forward(NDArray x, Map<String, NDArray> record) {
        long b = x.getShape().get(0);
        long width = conv1.getShape().get(0);
        Shape patch = new Shape(patchSize, patchSize);
        // conv1: patch embedding, no bias -> [B, width, grid, grid] -> [B, grid², width]
        x = x.getNDArrayInternal().convolution(x, conv1, null, patch, new Shape(0, 0), new Shape(1, 1), 1)
                .singletonOrThrow();
        x = x.reshape(b, width, -1).transpose(0, 2, 1);
        // class token first, then positions
        NDArray cls = x.getManager().zeros(new Shape(b, 1, width)).add(classEmbedding);
        x = cls.concat(x, 1).add(positionalEmbedding);
        x = lnPre.forward(x);
        put(record, "ln_pre", x);
        if (record != null) {
            List<NDArray> blocks = transformer.forwardAll(x, null);
            for (int i = 0; i < blocks.size(); i++) {
                put(record, "block" + i, blocks.get(i));
            }
            x = blocks.get(blocks.size() - 1);
        } else {
            x = transformer.forward(x, null);
        }
        x = lnPost.forward(x.get(":, 0, :"));
        put(record, "ln_post", x);
        return x.matMul(proj);
    }

    private static void put(Map<String, NDArray> record, String key, NDArray value) {
        if (record != null) {
            record.put(key, value);
        }
    }

    List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>(List.of(conv1, classEmbedding, positionalEmbedding, proj));
        p.addAll(lnPre.parameters());
        p.addAll(transformer.parameters());
        p.addAll(lnPost.parameters());
        return p;
    }
}
