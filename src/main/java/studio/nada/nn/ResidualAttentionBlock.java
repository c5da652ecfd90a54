package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;

/** CLIP's pre-LN transformer block: x + attn(ln_1(x)), then x + c_proj(QuickGELU(c_fc(ln_2(x)))). */
public final class ResidualAttentionBlock {
    private final LayerNormBlock ln1;
    private final MultiheadAttention attn;
    private final LayerNormBlock ln2;
    private final NDArray cFcWeight;
    private final NDArray cFcBias;
    private final NDArray cProjWeight;
    private final NDArray cProjBias;

    public ResidualAttentionBlock(LayerNormBlock ln1, MultiheadAttention attn, LayerNormBlock ln2, NDArray cFcWeight,
            NDArray cFcBias, NDArray cProjWeight, NDArray cProjBias) {
        this.ln1 = ln1;
        this.attn = attn;
        this.ln2 = ln2;
        this.cFcWeight = cFcWeight;
        this.cFcBias = cFcBias;
        this.cProjWeight = cProjWeight;
        this.cProjBias = cProjBias;
    }

    /** x [N, L, d]; mask as {@link MultiheadAttention#forward}. */
    public NDArray forward(NDArray x, NDArray mask) {
        x = x.add(attn.forward(ln1.forward(x), mask));
        return x.add(mlp(ln2.forward(x)));
    }

    private NDArray mlp(NDArray x) {
        NDArray hidden = QuickGelu.forward(Linear.linear(x, cFcWeight, cFcBias).singletonOrThrow());
        return Linear.linear(hidden, cProjWeight, cProjBias).singletonOrThrow();
    }

    public List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>(ln1.parameters());
        p.addAll(attn.parameters());
        p.addAll(ln2.parameters());
        p.addAll(List.of(cFcWeight, cFcBias, cProjWeight, cProjBias));
        return p;
    }
}
