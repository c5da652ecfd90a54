package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.core.Linear;
import java.util.List;

/**
 * torch.nn.MultiheadAttention as CLIP uses it (self-attention, need_weights=False), batch first:
 * q, k, v come from one packed projection {@code in_proj_weight} [3d, d] in that order.
 */
public final class MultiheadAttention {
    private final NDArray inProjWeight;
    private final NDArray inProjBias;
    private final NDArray outProjWeight;
    private final NDArray outProjBias;
    private final int heads;

    public MultiheadAttention(NDArray inProjWeight, NDArray inProjBias, NDArray outProjWeight, NDArray outProjBias,
            int heads) {
        long width = outProjWeight.getShape().get(0);
        if (heads <= 0 || width % heads != 0) {
            throw new IllegalArgumentException("attention width " + width + " is not divisible into " + heads + " heads");
        }
        this.inProjWeight = inProjWeight;
        this.inProjBias = inProjBias;
        this.outProjWeight = outProjWeight;
        this.outProjBias = outProjBias;
        this.heads = heads;
    }

    /**
     * @param x    [N, L, d]
     * @param mask additive [L, L] mask (-inf where a query must not look), or null
     * @return [N, L, d]
     */
    public NDArray forward(NDArray x, NDArray mask) {
        long n = x.getShape().get(0);
        long len = x.getShape().get(1);
        long width = x.getShape().get(2);
        NDList qkv = Linear.linear(x, inProjWeight, inProjBias).singletonOrThrow().split(3, 2);
        // scale q before the product, as torch does
        NDArray q = Ops.mul(splitHeads(qkv.get(0), n, len, width), (float) (1.0 / Math.sqrt(width / heads)));
        NDArray k = splitHeads(qkv.get(1), n, len, width);
        NDArray v = splitHeads(qkv.get(2), n, len, width);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)); // [N, H, L, L]
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray out = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(n, len, width);
        return Linear.linear(out, outProjWeight, outProjBias).singletonOrThrow();
    }

    private NDArray splitHeads(NDArray t, long n, long len, long width) {
        return t.reshape(n, len, heads, width / heads).transpose(0, 2, 1, 3); // [N, H, L, d/H]
    }

    public int heads() {
        return heads;
    }

    public List<NDArray> parameters() {
        return List.of(inProjWeight, inProjBias, outProjWeight, outProjBias);
    }
}
