package studio.nada.nada;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.nada.stylegan.GeneratorConfig;

/** How a chosen W+ index becomes the layers to train. */
public enum LayerMapping {
    /**
     * The reference's (and every published result's): 0 → conv1, 1 → to_rgb1, j ≥ 2 →
     * convs[j−2]. It does not follow the W+ wiring, and never trains to_rgbs.
     */
    UPSTREAM,
    /** The layers that read w[j]: conv1 (0); convs[j−1]; to_rgb1 (1); to_rgbs[(j−3)/2] for odd j ≥ 3. */
    CONSUMER;

    /** {@code upstream} or {@code consumer}, any case; a clear message for anything else. */
    public static LayerMapping parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown layer mapping '" + text + "': use upstream or consumer");
        }
    }

    /** Layer names (rosinality module prefixes) trained for W+ index {@code j}. */
    public List<String> layers(int j, GeneratorConfig config) {
        int n = config.nLatent();
        if (j < 0 || j >= n) {
            throw new IllegalArgumentException("W+ index " + j + " outside [0, " + n + ")");
        }
        int convs = config.numLayers() - 1;
        List<String> out = new ArrayList<>();
        if (this == UPSTREAM) {
            out.add(j == 0 ? "conv1" : j == 1 ? "to_rgb1" : "convs." + (j - 2));
            return out;
        }
        if (j == 0) {
            out.add("conv1");
        }
        if (j >= 1 && j - 1 < convs) {
            out.add("convs." + (j - 1));
        }
        if (j == 1) {
            out.add("to_rgb1");
        }
        if (j >= 3 && j % 2 == 1) {
            out.add("to_rgbs." + ((j - 3) / 2));
        }
        return out;
    }

    /** The union of layers for several indices, in index order, without repeats. */
    public List<String> layers(int[] indices, GeneratorConfig config) {
        List<String> out = new ArrayList<>();
        for (int j : indices) {
            for (String l : layers(j, config)) {
                if (!out.contains(l)) {
                    out.add(l);
                }
            }
        }
        return out;
    }
}
