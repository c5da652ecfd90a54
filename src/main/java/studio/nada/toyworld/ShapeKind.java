package studio.nada.toyworld;

import java.util.Locale;

/** The forms the Shapes world draws. */
public enum ShapeKind {
    CIRCLE,
    SQUARE,
    TRIANGLE;

    /** The caption word ("circle"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the point (dx, dy), in units of the shape's radius from its center (y down), is
     * inside. Square and triangle are scaled so that every kind covers a similar area at one size.
     */
    boolean contains(double dx, double dy) {
        return switch (this) {
            case CIRCLE -> dx * dx + dy * dy <= 1;
            case SQUARE -> Math.abs(dx) <= 0.886 && Math.abs(dy) <= 0.886; // area π, as the circle
            case TRIANGLE -> {
                // equilateral, apex up, circumradius 1.3, centered on its centroid
                double r = 1.3;
                double top = -r;
                double bottom = r / 2;
                if (dy < top || dy > bottom) {
                    yield false;
                }
                double halfWidth = (dy - top) / Math.sqrt(3);
                yield Math.abs(dx) <= halfWidth;
            }
        };
    }
}
