package studio.nada.nada;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import studio.nada.stylegan.GeneratorConfig;

/**
 * The fixed layer sets StyleGAN-NADA's {@code get_training_layers(phase)} gives when adaptive
 * freezing is off (auto_layer_iters = 0). As the reference code, every preset but {@code all}
 * starts with the learned constant and conv1.
 */
public enum PhasePreset {
    /** input, conv1, all convs (the reference's phase None). */
    NONE,
    /** input, conv1, convs[2:10]. */
    TEXTURE,
    /** input, conv1, convs[0:2]. */
    SHAPE,
    /** input, conv1, convs[0:10]. */
    NO_FINE,
    /** input, conv1, convs[0:3]. */
    SHAPE_EXPANDED,
    /** every synthesis layer, to_rgbs included. */
    ALL,
    /**
     * Only the style affines (each modulated conv's and to_rgb's {@code modulation}), not in the
     * reference: the synthesis convs keep how they draw, and a run moves what the styles ask of
     * them. In the Shapes world it carries a kind change further than training every layer
     * (docs/shapes_eval.md, stop 41).
     */
    STYLES,
    /**
     * The style affines, moved together along one direction of the generator's own codes (from the
     * codes CLIP ranks most source-like to those it ranks most target-like), as far as each code
     * reads as the source; one number is trained. Not in the reference: in the Shapes world it turns
     * circles and triangles into squares where every other phase drew oblongs (see {@link CodeDirection}).
     */
    DIRECTION,
    /**
     * The convs of the two finest resolutions (their weights and styles) and every to_rgb's style
     * affine. Not in the reference: the coarse layers, which draw each form, keep it, while the fine
     * ones learn a new way of drawing it (in the Shapes world the outline, docs/shapes_eval.md stop 47).
     */
    FINE;

    public static PhasePreset parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown phase '" + text
                    + "': use none, texture, shape, no_fine, shape_expanded, all, styles, direction or fine");
        }
    }

    /** The preset's name as {@link #parse} reads it and logs and files write it: "styles", "no_fine". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Layer names (module prefixes; for {@link #STYLES} the affines' own) of the preset. */
    public List<String> layers(GeneratorConfig config) {
        int convs = config.numLayers() - 1;
        if (this == STYLES || this == DIRECTION) {
            // every modulated layer of ALL (the learned constant has no style), its affine only
            return ALL.layers(config).stream().filter(l -> !l.equals("input")).map(l -> l + ".conv.modulation").toList();
        }
        if (this == FINE) {
            List<String> fine = new ArrayList<>();
            for (int i = Math.max(0, convs - 4); i < convs; i++) {
                fine.add("convs." + i);
            }
            STYLES.layers(config).stream().filter(l -> l.startsWith("to_rgb")).forEach(fine::add);
            return fine;
        }
        List<String> out = new ArrayList<>(List.of("input", "conv1"));
        int from = 0;
        int to = convs;
        switch (this) {
            case TEXTURE -> {
                from = 2;
                to = 10;
            }
            case SHAPE -> to = 2;
            case NO_FINE -> to = 10;
            case SHAPE_EXPANDED -> to = 3;
            case ALL -> out.add("to_rgb1");
            default -> { }
        }
        for (int i = from; i < Math.min(to, convs); i++) {
            out.add("convs." + i);
        }
        if (this == ALL) {
            for (int i = 0; i < config.logSize() - 2; i++) {
                out.add("to_rgbs." + i);
            }
        }
        return out;
    }
}
