package studio.nada.toyworld;

import java.util.Locale;

/** Named sizes: the shape's radius as a fraction of the image side. */
public enum ShapeSize {
    SMALL(0.12),
    MEDIUM(0.18),
    LARGE(0.245);

    private final double radius;

    ShapeSize(double radius) {
        this.radius = radius;
    }

    public double radius() {
        return radius;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The named size nearest to a radius. */
    public static ShapeSize nearest(double radius) {
        ShapeSize best = SMALL;
        for (ShapeSize s : values()) {
            if (Math.abs(s.radius - radius) < Math.abs(best.radius - radius)) {
                best = s;
            }
        }
        return best;
    }
}
