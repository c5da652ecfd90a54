package studio.nada.stylegan;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import studio.nada.nn.MissingWeightException;
import studio.nada.weights.TensorData;

/**
 * Size, style_dim, n_mlp and per-resolution channel counts of a rosinality generator, inferred
 * from the checkpoint's keys and shapes (the test models use channel counts no multiplier gives).
 */
public record GeneratorConfig(int size, int styleDim, int nMlp, Map<Integer, Integer> channels, double lrMlp) {
    public GeneratorConfig {
        if (Integer.bitCount(size) != 1 || size < 8) {
            throw new IllegalArgumentException("generator size must be a power of two >= 8, got " + size);
        }
        channels = Map.copyOf(channels);
    }

    public int logSize() {
        return Integer.numberOfTrailingZeros(size);
    }

    /** W+ length: 2·log2(size) − 2. */
    public int nLatent() {
        return 2 * logSize() - 2;
    }

    /** Number of StyledConvs, and of noise maps: 2·(log2(size) − 2) + 1. */
    public int numLayers() {
        return 2 * (logSize() - 2) + 1;
    }

    /** Side of noise map {@code i} (conv1's is 4, then two per resolution from 8 up). */
    public int noiseResolution(int i) {
        return 1 << ((i + 5) / 2);
    }

    public int channels(int resolution) {
        Integer c = channels.get(resolution);
        if (c == null) {
            throw new IllegalArgumentException("no channel count for resolution " + resolution);
        }
        return c;
    }

    /** The same layout with every resolution at {@code c} channels (small test and toy models). */
    public GeneratorConfig withChannels(int c) {
        Map<Integer, Integer> ch = new TreeMap<>();
        channels.keySet().forEach(r -> ch.put(r, c));
        return new GeneratorConfig(size, styleDim, nMlp, ch, lrMlp);
    }

    /** rosinality's default table for config-e/f style generators. */
    public static GeneratorConfig standard(int size, int styleDim, int nMlp, int channelMultiplier) {
        Map<Integer, Integer> ch = new TreeMap<>();
        int[] base = {512, 512, 512, 512, 256 * channelMultiplier, 128 * channelMultiplier, 64 * channelMultiplier,
            32 * channelMultiplier, 16 * channelMultiplier};
        for (int i = 0; i < base.length; i++) {
            int res = 4 << i;
            if (res <= size) {
                ch.put(res, base[i]);
            }
        }
        return new GeneratorConfig(size, styleDim, nMlp, ch, 0.01);
    }

    /** Reads the config from a rosinality g_ema state dict. */
    public static GeneratorConfig infer(Map<String, TensorData> sd) {
        TensorData input = require(sd, "input.input");
        long[] in = input.shape();
        if (in.length != 4 || in[2] != 4 || in[3] != 4) {
            throw new MissingWeightException("key 'input.input' has shape " + Arrays.toString(in) + ", expected [1, C, 4, 4]");
        }
        int styleDim = (int) require(sd, "conv1.conv.modulation.weight").shape()[1];
        int nMlp = 0;
        while (sd.containsKey("style." + (nMlp + 1) + ".weight")) {
            nMlp++;
        }
        if (nMlp == 0) {
            throw new MissingWeightException("missing key 'style.1.weight' (the mapping network)");
        }
        Map<Integer, Integer> ch = new TreeMap<>();
        ch.put(4, (int) in[1]);
        int blocks = 0;
        while (sd.containsKey("convs." + (2 * blocks) + ".conv.weight")) {
            long[] w = sd.get("convs." + (2 * blocks) + ".conv.weight").shape();
            if (w.length != 5) {
                throw new MissingWeightException("key 'convs." + (2 * blocks) + ".conv.weight' has shape "
                        + Arrays.toString(w) + ", expected [1, out, in, k, k]");
            }
            ch.put(8 << blocks, (int) w[1]);
            blocks++;
        }
        if (blocks == 0) {
            throw new MissingWeightException("missing key 'convs.0.conv.weight'");
        }
        return new GeneratorConfig(4 << blocks, styleDim, nMlp, ch, 0.01);
    }

    private static TensorData require(Map<String, TensorData> sd, String key) {
        TensorData t = sd.get(key);
        if (t == null) {
            throw new MissingWeightException("missing key '" + key + "': not a rosinality StyleGAN2 generator");
        }
        return t;
    }
}
