package studio.nada.nn;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/** A stack of {@link ResidualAttentionBlock}s ({@code resblocks} in openai/CLIP), batch first. */
public final class Transformer {
    private final List<ResidualAttentionBlock> resblocks;

    public Transformer(List<ResidualAttentionBlock> resblocks) {
        this.resblocks = List.copyOf(resblocks);
    }

    public NDArray forward(NDArray x, NDArray mask) {
        for (ResidualAttentionBlock block : resblocks) {
            x = block.forward(x, mask);
        }
        return x;
    }

    /** The output of every block, for parity checks against recorded intermediates. */
    public List<NDArray> forwardAll(NDArray x, NDArray mask) {
        List<NDArray> outs = new ArrayList<>();
        for (ResidualAttentionBlock block : resblocks) {
            x = block.forward(x, mask);
            outs.add(x);
        }
        return outs;
    }

    public int layers() {
        return resblocks.size();
    }

    public List<NDArray> parameters() {
        List<NDArray> p = new ArrayList<>();
        resblocks.forEach(b -> p.addAll(b.parameters()));
        return p;
    }
}
