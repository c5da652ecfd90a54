package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import studio.nada.nn.LayerNormBlock;
import studio.nada.nn.MultiheadAttention;
import studio.nada.nn.ResidualAttentionBlock;
import studio.nada.nn.Transformer;

/** Builds CLIP's parts from a {@link ClipWeights} source, checking every shape against the config. */
final class ClipAssembler {
    private final ClipWeights weights;
    private final NDManager manager;

    ClipAssembler(ClipWeights weights, NDManager manager) {
        this.weights = weights;
        this.manager = manager;
    }

    NDArray take(String name, long... shape) {
        return weights.load(name, new Shape(shape), manager);
    }

    LayerNormBlock layerNorm(String prefix, int width) {
        return new LayerNormBlock(take(prefix + ".weight", width), take(prefix + ".bias", width));
    }

    Transformer transformer(String prefix, int layers, int width, int heads) {
        List<ResidualAttentionBlock> blocks = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            String p = prefix + i + ".";
            MultiheadAttention attn = new MultiheadAttention(
                    take(p + "attn.in_proj_weight", 3L * width, width),
                    take(p + "attn.in_proj_bias", 3L * width),
                    take(p + "attn.out_proj.weight", width, width),
                    take(p + "attn.out_proj.bias", width),
                    heads);
            blocks.add(new ResidualAttentionBlock(
                    layerNorm(p + "ln_1", width),
                    attn,
                    layerNorm(p + "ln_2", width),
                    take(p + "mlp.c_fc.weight", 4L * width, width),
                    take(p + "mlp.c_fc.bias", 4L * width),
                    take(p + "mlp.c_proj.weight", width, 4L * width),
                    take(p + "mlp.c_proj.bias", width)));
        }
        return new Transformer(blocks);
    }

    VisionTransformer visual(ClipConfig c) {
        int w = c.visionWidth();
        int p = c.visionPatchSize();
        return new VisionTransformer(
                take("visual.conv1.weight", w, 3, p, p),
                take("visual.class_embedding", w),
                take("visual.positional_embedding", (long) c.grid() * c.grid() + 1, w),
                layerNorm("visual.ln_pre", w),
                transformer("visual.transformer.resblocks.", c.visionLayers(), w, c.visionHeads()),
                layerNorm("visual.ln_post", w),
                take("visual.proj", w, c.embedDim()),
                p);
    }

    TextTransformer text(ClipConfig c) {
        int w = c.textWidth();
        return new TextTransformer(
                take("token_embedding.weight", c.vocabSize(), w),
                take("positional_embedding", c.contextLength(), w),
                transformer("transformer.resblocks.", c.textLayers(), w, c.textHeads()),
                layerNorm("ln_final", w),
                take("text_projection", w, c.embedDim()),
                causalMask(c.contextLength()));
    }

    /** Additive mask, -inf above the diagonal: a token sees only itself and what precedes it. */
    private NDArray causalMask(int len) {
        float[] mask = new float[len * len];
        for (int i = 0; i < len; i++) {
            for (int j = i + 1; j < len; j++) {
                mask[i * len + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return studio.nada.nn.Ops.constant(manager, mask, new Shape(len, len));
    }
}
