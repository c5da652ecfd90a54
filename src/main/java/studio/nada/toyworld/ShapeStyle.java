package studio.nada.toyworld;

import java.util.Locale;

/**
 * How a shape is rendered. The generator only ever draws {@link #FILLED} shapes; an
 * {@link #OUTLINE} (only the contour, a line drawing) is the domain of the out-of-domain change
 * "shape" → "outline of a shape", the paper's photo → sketch in miniature. The renderer draws
 * outlines so that the pixel judge ({@link ShapeLook}) is tested on them; the shipped CLIPs were
 * not trained on them.
 */
public enum ShapeStyle {
    FILLED,
    OUTLINE;

    /** Width of an outline's line, in pixels of the 64 px image. */
    static final double LINE_WIDTH = 2.0;

    /** Filled for an outline, an outline for a filled shape. */
    public ShapeStyle other() {
        return this == OUTLINE ? FILLED : OUTLINE;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
