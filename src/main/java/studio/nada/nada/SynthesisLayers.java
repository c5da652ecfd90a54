package studio.nada.nada;

import java.util.ArrayList;
import java.util.List;
import studio.nada.stylegan.Generator;

/** Maps layer names (rosinality module prefixes such as {@code convs.3}) to parameter names. */
public final class SynthesisLayers {
    private SynthesisLayers() {}

    /** Every trainable synthesis parameter (mapping network and buffers excluded), in model order. */
    public static List<String> parameters(Generator g) {
        List<String> out = new ArrayList<>();
        for (String n : g.params().parameterNames()) {
            if (!n.startsWith("style.")) {
                out.add(n);
            }
        }
        return out;
    }

    /** The parameters of the given layers, in model order. */
    public static List<String> parameters(Generator g, List<String> layers) {
        List<String> out = new ArrayList<>();
        for (String n : parameters(g)) {
            for (String layer : layers) {
                if (n.startsWith(layer + ".")) {
                    out.add(n);
                    break;
                }
            }
        }
        return out;
    }

    /** The W+ layer name for display, for a generator with {@code nLatent} W+ entries. */
    public static String describeIndex(int j, int nLatent) {
        String d = describeIndex(j);
        // the last entry feeds only the final to_rgb: there is no larger conv after it
        return j == nLatent - 1 && j % 2 == 1 && j >= 3 ? d.substring(0, d.indexOf(" / ")) : d;
    }

    /** The W+ layer names, for display: index, resolution and what reads it. */
    public static String describeIndex(int j) {
        if (j == 0) {
            return "w0 4px conv1";
        }
        if (j == 1) {
            return "w1 4px to_rgb1 / 8px conv (up)";
        }
        if (j % 2 == 0) {
            return "w" + j + " " + (8 << ((j - 2) / 2)) + "px conv";
        }
        int res = 8 << ((j - 3) / 2);
        return "w" + j + " " + res + "px to_rgb / " + (res * 2) + "px conv (up)";
    }
}
