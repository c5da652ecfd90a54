package studio.nada.nada;

import java.util.List;
import studio.nada.clip.ClipConfig;
import studio.nada.stylegan.GeneratorConfig;

/**
 * The floating-point work of one NADA step with every layer trained, counted from the model
 * shapes (a multiply-add is 2 FLOPs; element-wise work, the blur and the mapping network are left
 * out as small). The generator runs forward twice (frozen and trained) and backward once, which
 * costs two forwards (gradients of inputs and of weights); each CLIP encodes the frozen and the
 * trained images and back-propagates to the trained ones' pixels only (one forward's worth).
 */
public final class StepFlops {
    private StepFlops() {}

    /** Work of one step, in FLOPs. */
    public static double of(GeneratorConfig g, List<ClipConfig> clips, int batch) {
        double total = 4 * generatorForward(g) * batch;
        for (ClipConfig c : clips) {
            total += 3 * imageForward(c) * batch;
        }
        return total;
    }

    /** One sample through the synthesis network. */
    public static double generatorForward(GeneratorConfig g) {
        double flops = conv(g.channels(4), g.channels(4), 9, 4) + conv(g.channels(4), 3, 1, 4);
        int in = g.channels(4);
        for (int res = 8; res <= g.size(); res *= 2) {
            int out = g.channels(res);
            // the up-sampling conv is a stride-2 transposed conv: 9 taps per input pixel
            flops += conv(in, out, 9, res / 2) + conv(out, out, 9, res) + conv(out, 3, 1, res);
            in = out;
        }
        return flops;
    }

    /** One image through the vision transformer (patch embedding, attention and MLP blocks). */
    public static double imageForward(ClipConfig c) {
        double tokens = c.grid() * (double) c.grid() + 1;
        double d = c.visionWidth();
        double patch = 2.0 * 3 * c.visionPatchSize() * c.visionPatchSize() * d * (tokens - 1);
        double perBlock = 2 * tokens * 12 * d * d + 2 * 2 * tokens * tokens * d; // qkv, out, MLP 4d; QKᵀ and AV
        return patch + c.visionLayers() * perBlock + 2 * d * c.embedDim();
    }

    private static double conv(int in, int out, int taps, int side) {
        return 2.0 * in * out * taps * side * side;
    }
}
