package studio.nada.nada;

import ai.djl.ndarray.NDArray;
import studio.nada.clip.ClipModel;
import studio.nada.nn.Ops;

/** StyleGAN-NADA's CLIP losses (the reference's clip_directional_loss and global_clip_loss). */
public final class ClipLosses {
    private ClipLosses() {}

    /**
     * Directional loss: ΔI = normalize(f(dst) − f(src)) with f the normalized image features;
     * loss = mean_b(1 − cos(ΔI_b, ΔT)). If ΔI is exactly zero (a generator that has not moved),
     * dst + 1e-6 is re-encoded, as the reference does.
     */
    public static NDArray directional(ClipGuide guide, NDArray srcFeatures, NDArray dstImages, NDArray direction) {
        return directional(guide, srcFeatures, guide.imageFeatures(dstImages), dstImages, direction);
    }

    /** The directional loss with the trained images' features already computed (the step reuses them). */
    public static NDArray directional(ClipGuide guide, NDArray srcFeatures, NDArray dstFeatures, NDArray dstImages,
            NDArray direction) {
        return directional(guide, srcFeatures, dstFeatures, dstImages, direction, 0);
    }

    /**
     * The directional loss with |ΔI| floored: 1 − ΔI·ΔT / (max(|ΔI|, floor)·|ΔT|). Equal to the
     * reference's once ΔI is at least {@code floor} long; 0 is the reference's loss exactly.
     *
     * <p>Why a floor: the gradient of ΔI/|ΔI| grows as 1/|ΔI|. On the first step the trained
     * generator is the frozen one, and where noise does not tell them apart (a generator whose
     * noise weights are 0, as the Shapes world's) ΔI comes only from the reference's 1e-6 nudge:
     * that step's gradient is orders of magnitude above the later ones, and Adam's second moment
     * (β2 0.992) carries it for hundreds of steps, so the layers stepped first barely move again.
     * Below the floor the loss is linear in ΔI and its gradient bounded.
     */
    public static NDArray directional(ClipGuide guide, NDArray srcFeatures, NDArray dstFeatures, NDArray dstImages,
            NDArray direction, double floor) {
        NDArray edit = dstFeatures.sub(srcFeatures);
        if (edit.sum().getFloat() == 0f) {
            edit = guide.imageFeatures(Ops.add(dstImages, 1e-6)).sub(srcFeatures);
        }
        if (floor > 0) {
            NDArray dot = edit.mul(direction).sum(new int[] {1});
            NDArray norms = Ops.maximum(edit.norm(new int[] {1}), floor).mul(direction.norm(new int[] {1}));
            return Ops.rsub(1.0, dot.div(norms)).mean();
        }
        NDArray e = ClipModel.normalize(edit);
        return cosineDistance(e, direction).mean();
    }

    /** 1 − cos(x_b, y) per row, with torch's CosineSimilarity (eps 1e-8 on the norm product). */
    static NDArray cosineDistance(NDArray x, NDArray y) {
        NDArray dot = x.mul(y).sum(new int[] {1});
        NDArray norms = x.norm(new int[] {1}).mul(y.norm(new int[] {1}));
        return Ops.rsub(1.0, dot.div(Ops.maximum(norms, 1e-8)));
    }

    /**
     * Global loss against one normalized text embedding: mean(1 − logits/100), logits =
     * exp(logit_scale)·cos(E_I(img), E_T(text)).
     */
    public static NDArray global(ClipGuide guide, NDArray images, NDArray textFeatures) {
        NDArray img = guide.imageFeatures(images);
        NDArray logits = Ops.mul(img.matMul(textFeatures.transpose()), guide.logitScaleExp());
        return Ops.rsub(1.0, Ops.div(logits, 100.0)).mean();
    }
}
