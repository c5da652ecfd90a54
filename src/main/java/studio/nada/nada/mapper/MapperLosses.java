package studio.nada.nada.mapper;

import studio.nada.nn.Ops;
import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import studio.nada.clip.ClipModel;
import studio.nada.engine.GradMode;
import studio.nada.nada.ClipGuide;

/**
 * The mapper's losses (mapper_criteria/clip_loss.py and coach.calc_loss), on images brought to
 * each CLIP's input by {@link MapperClipPreprocess}:
 * <ul>
 *   <li>CLIP: Σ over guides of mean_b(1 − logits/100), logits = exp(logit_scale)·cos(E_I(x̂), E_T(text)),
 *       against the one description (the reference sums ViT-B/32 and ViT-B/16, weight 1 each);
 *   <li>latent L2: mean((ŵ − w)²), torch.nn.MSELoss;
 *   <li>norm: mean_b((‖E_I(x)‖ − ‖E_I(x̂)‖)²) with the first guide's unnormalized embeddings.
 * </ul>
 */
public final class MapperLosses {
    private final List<ClipGuide> guides;
    private final List<MapperClipPreprocess> inputs = new ArrayList<>();
    private final String description;

    /** @param size the generator's output size */
    public MapperLosses(List<ClipGuide> guides, int size, String description) {
        if (guides.isEmpty()) {
            throw new IllegalArgumentException("the mapper's CLIP loss needs at least one CLIP model");
        }
        this.guides = List.copyOf(guides);
        this.description = description;
        for (ClipGuide g : guides) {
            inputs.add(new MapperClipPreprocess(size, g.model().config().imageResolution()));
        }
    }

    /** Unnormalized E_I of images [B, 3, size, size] with every guide, in guide order. */
    public List<NDArray> embed(NDArray images) {
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; i < guides.size(); i++) {
            out.add(guides.get(i).model().encodeImage(inputs.get(i).apply(images)));
        }
        return out;
    }

    /** The summed CLIP loss from the edited images' embeddings ({@link #embed}), a scalar. */
    public NDArray clip(List<NDArray> embeddings) {
        NDArray total = null;
        for (int i = 0; i < guides.size(); i++) {
            ClipGuide g = guides.get(i);
            NDArray image = ClipModel.normalize(embeddings.get(i));
            NDArray logits = Ops.mul(image.matMul(g.rawText(description).transpose()), g.logitScaleExp());
            NDArray part = Ops.mul(Ops.rsub(1.0, Ops.div(logits, 100.0)).mean(), g.weight());
            total = total == null ? part : total.add(part);
        }
        return total;
    }

    /** torch.nn.MSELoss()(ŵ, w): the mean over every element. */
    public static NDArray latentL2(NDArray wHat, NDArray w) {
        return wHat.sub(w).square().mean();
    }

    /**
     * MSE between ‖E_I(x)‖ of the originals (first guide, computed here without gradient) and of
     * the edited images, given as the first guide's embedding from {@link #embed}.
     */
    public NDArray norm(NDArray x, NDArray editedEmbedding) {
        NDArray pre;
        try (GradMode off = GradMode.disabled()) {
            pre = guides.get(0).model().encodeImage(inputs.get(0).apply(x)).norm(new int[] {-1});
        }
        return pre.sub(editedEmbedding.norm(new int[] {-1})).square().mean();
    }

    /** The description's cached text embeddings, for tempAttach into a step scope. */
    public List<NDArray> cachedArrays() {
        List<NDArray> out = new ArrayList<>();
        for (ClipGuide g : guides) {
            g.rawText(description);
            out.addAll(g.cachedArrays());
        }
        return out;
    }

    public List<ClipGuide> guides() {
        return guides;
    }

    public String description() {
        return description;
    }
}
