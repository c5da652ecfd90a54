package studio.nada.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import studio.nada.nn.Ops;

/**
 * CLIP's preprocessing of generator output, differentiable end to end, as StyleGAN-NADA's
 * CLIPLoss applies it: [-1, 1] -> [0, 1], bicubic resize of the shorter side to the model's
 * resolution (F.interpolate, align_corners=false, no antialias: what torchvision's Resize does to
 * tensors), center crop, normalize with CLIP's mean and std.
 */
public final class ClipPreprocess {
    static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final int resolution;

    public ClipPreprocess(int resolution) {
        this.resolution = resolution;
    }

    public static ClipPreprocess forModel(ClipModel model) {
        return new ClipPreprocess(model.config().imageResolution());
    }

    /** Images [B, 3, H, W] in [-1, 1] -> normalized model input [B, 3, n, n]. */
    public NDArray apply(NDArray images) {
        return normalize(centerCrop(resizeShorterSide(Ops.div(Ops.add(images, 1.0), 2.0))));
    }

    /** torchvision Resize(n): the shorter side becomes n, the longer int(n * long / short). */
    NDArray resizeShorterSide(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        long shortSide = Math.min(h, w);
        long longSide = Math.max(h, w);
        if (shortSide == resolution) {
            return x; // torchvision returns the input unchanged
        }
        long newLong = (long) (resolution * (double) longSide / shortSide);
        int newLongSide = (int) newLong;
        return h <= w
                ? BicubicResize.resize(x, resolution, newLongSide)
                : BicubicResize.resize(x, newLongSide, resolution);
    }

    /** torchvision CenterCrop: offsets int(round((size - n) / 2)), Python's round (half to even). */
    NDArray centerCrop(NDArray x) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (h == resolution && w == resolution) {
            return x;
        }
        long top = (long) Math.rint((h - resolution) / 2.0);
        long left = (long) Math.rint((w - resolution) / 2.0);
        return x.get(":, :, {}:{}, {}:{}", top, top + resolution, left, left + resolution);
    }

    /** (x - mean[c]) / std[c]. */
    static NDArray normalize(NDArray x) {
        NDManager m = x.getManager();
        Shape perChannel = new Shape(1, 3, 1, 1);
        return x.sub(Ops.constant(m, MEAN, perChannel)).div(Ops.constant(m, STD, perChannel));
    }

    public int resolution() {
        return resolution;
    }
}
