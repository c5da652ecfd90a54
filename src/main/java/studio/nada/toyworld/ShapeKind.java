package studio.nada.toyworld;

import java.util.Locale;
import java.util.Random;

/** The forms the Shapes world draws. */
public enum ShapeKind {
    CIRCLE,
    SQUARE,
    TRIANGLE;

    /** Another kind than this, each equally likely. */
    public ShapeKind other(Random r) {
        ShapeKind[] all = values();
        return all[(ordinal() + 1 + r.nextInt(all.length - 1)) % all.length];
    }

    /** The caption word ("circle"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Distance from the center to the nearest edge, in units of the radius (an outline's inner edge is this less its line). */
    double inradius() {
        return switch (this) {
            case CIRCLE -> 1;
            case SQUARE -> 0.886;
            case TRIANGLE -> 0.65;
        };
    }

    /** The shape's area in units of its radius squared (its silhouette's area at radius 1). */
    double unitArea() {
        return switch (this) {
            case CIRCLE, SQUARE -> Math.PI;
            case TRIANGLE -> 1.95 * 1.95 / Math.sqrt(3); // height 1.95, base 2·1.95/√3
        };
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
