package studio.nada.inversion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import studio.nada.nn.Ops;
import studio.nada.stylegan.Generator;

/**
 * The per-layer noise maps a projection optimizes: drawn fresh (as make_noise()), kept from
 * absorbing the image by projector.py's regularizer (the squared autocorrelation at one pixel of
 * shift, at every scale down to 8×8) and renormalized to mean 0, std 1 after each step.
 */
final class InversionNoise {
    private InversionNoise() {}

    /** One [1,1,r,r] standard normal map per noise layer, from {@code rng} (so a projection is repeatable). */
    static List<NDArray> initial(Generator g, Random rng, NDManager manager) {
        List<NDArray> out = new ArrayList<>();
        for (int i = 0; i < g.config().numLayers(); i++) {
            int res = g.config().noiseResolution(i);
            float[] v = new float[res * res];
            for (int k = 0; k < v.length; k++) {
                v[k] = (float) rng.nextGaussian();
            }
            NDArray map = Ops.constant(manager, v, new Shape(1, 1, res, res));
            map.attach(manager);
            out.add(map);
        }
        return out;
    }

    /** Σ over maps and scales of mean(n·roll(n,1,x))² + mean(n·roll(n,1,y))². */
    static NDArray regularize(List<NDArray> noises) {
        NDArray loss = null;
        for (NDArray noise : noises) {
            NDArray n = noise;
            long size = n.getShape().get(2);
            while (true) {
                NDArray term = n.mul(roll(n, 3)).mean().square().add(n.mul(roll(n, 2)).mean().square());
                loss = loss == null ? term : loss.add(term);
                if (size <= 8) {
                    break;
                }
                n = n.reshape(1, 1, size / 2, 2, size / 2, 2).mean(new int[] {5}).mean(new int[] {3});
                size /= 2;
            }
        }
        return loss;
    }

    /** In place: each map to mean 0, std 1 (torch.std's unbiased estimate; no gradient). */
    static void normalize(List<NDArray> noises) {
        for (NDArray n : noises) {
            float mean = n.mean().getFloat();
            NDArray centred = Ops.add(n, -mean);
            float std = (float) Math.sqrt(centred.square().sum().getFloat() / Math.max(1, n.size() - 1));
            n.subi(n).addi(Ops.div(centred, Math.max(std, 1e-8)));
        }
    }

    /** torch.roll(x, shifts=1, dims=axis): the last row/column first. */
    private static NDArray roll(NDArray x, int axis) {
        long s = x.getShape().get(axis);
        String last = axis == 3 ? ":, :, :, " + (s - 1) + ":" : ":, :, " + (s - 1) + ":, :";
        String rest = axis == 3 ? ":, :, :, 0:" + (s - 1) : ":, :, 0:" + (s - 1) + ", :";
        return NDArrays.concat(new NDList(x.get(last), x.get(rest)), axis);
    }
}
