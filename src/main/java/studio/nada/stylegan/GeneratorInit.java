package studio.nada.stylegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import studio.nada.nn.ParameterStore;

/**
 * A freshly initialised generator, as rosinality's constructor makes one: conv and modulation
 * weights N(0,1), mapping weights N(0,1)/lr_mul, biases 0, modulation biases 1, noise weights 0,
 * noise buffers N(0,1). Used by {@code bench} (real sizes without real weights) and the Shapes
 * world builder.
 */
public final class GeneratorInit {
    private GeneratorInit() {}

    public static Generator random(NDManager manager, GeneratorConfig config) {
        Map<String, NDArray> sd = new LinkedHashMap<>();
        int d = config.styleDim();
        for (int i = 1; i <= config.nMlp(); i++) {
            sd.put("style." + i + ".weight", manager.randomNormal(new Shape(d, d)).div((float) config.lrMlp()));
            sd.put("style." + i + ".bias", manager.zeros(new Shape(d)));
        }
        int c4 = config.channels(4);
        sd.put("input.input", manager.randomNormal(new Shape(1, c4, 4, 4)));
        styledConv(manager, sd, "conv1", c4, c4, d);
        toRgb(manager, sd, "to_rgb1", c4, d);
        int in = c4;
        for (int i = 3; i <= config.logSize(); i++) {
            int out = config.channels(1 << i);
            int k = i - 3;
            styledConv(manager, sd, "convs." + (2 * k), in, out, d);
            styledConv(manager, sd, "convs." + (2 * k + 1), out, out, d);
            toRgb(manager, sd, "to_rgbs." + k, out, d);
            in = out;
        }
        for (int i = 0; i < config.numLayers(); i++) {
            long res = 1L << ((i + 5) / 2);
            sd.put("noises.noise_" + i, manager.randomNormal(new Shape(1, 1, res, res)));
        }
        ParameterStore store = new ParameterStore(manager);
        sd.forEach(store::put);
        return new Generator(config, store);
    }

    private static void styledConv(NDManager m, Map<String, NDArray> sd, String p, int in, int out, int d) {
        modConv(m, sd, p + ".conv", in, out, 3, d);
        sd.put(p + ".noise.weight", m.zeros(new Shape(1)));
        sd.put(p + ".activate.bias", m.zeros(new Shape(out)));
    }

    private static void toRgb(NDManager m, Map<String, NDArray> sd, String p, int in, int d) {
        sd.put(p + ".bias", m.zeros(new Shape(1, 3, 1, 1)));
        modConv(m, sd, p + ".conv", in, 3, 1, d);
    }

    private static void modConv(NDManager m, Map<String, NDArray> sd, String p, int in, int out, int k, int d) {
        sd.put(p + ".weight", m.randomNormal(new Shape(1, out, in, k, k)));
        sd.put(p + ".modulation.weight", m.randomNormal(new Shape(in, d)));
        sd.put(p + ".modulation.bias", m.ones(new Shape(in)));
    }
}
