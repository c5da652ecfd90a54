package studio.nada.toyworld;

/**
 * The W vector the Shapes generator is taught to draw a scene from: one-hots of kind and color
 * and the radius and center scaled to [0, 1], all times {@link #SCALE}; the other coordinates are
 * 0. The synthesis network learns scene → image from these clean codes and the mapping network
 * then learns z → code separately: learnt end to end, the mapping's argmax decisions were
 * never sharp and the samples came out as blurred blends of colors and shapes.
 *
 * <p>Every value is ≥ 0 because the mapping network ends in a leaky ReLU.
 */
public final class SceneCode {
    /** Coordinates used; the rest of W is 0. */
    public static final int USED = 12;
    private static final float SCALE = 2f;
    private static final int RADIUS = 7;
    private static final double RADIUS_LO = 0.09;
    private static final double RADIUS_HI = 0.28;
    private static final double CENTER_LO = 0.18;
    private static final double CENTER_HI = 0.82;

    private SceneCode() {}

    /** The code of {@code s} as a W vector of {@code dim} coordinates. */
    public static float[] of(Scene s, int dim) {
        if (dim < USED) {
            throw new IllegalArgumentException("W needs at least " + USED + " coordinates, got " + dim);
        }
        float[] w = new float[dim];
        w[index(s.kind())] = SCALE;
        w[index(s.color())] = SCALE;
        w[RADIUS] = unit(s.radius(), RADIUS_LO, RADIUS_HI);
        w[8] = unit(s.cx(), CENTER_LO, CENTER_HI);
        w[9] = SCALE - w[8];
        w[10] = unit(s.cy(), CENTER_LO, CENTER_HI);
        w[11] = SCALE - w[10];
        return w;
    }

    /** Where kind {@code k}'s one-hot lies in a code. */
    static int index(ShapeKind k) {
        return k.ordinal();
    }

    /** Where color {@code c}'s one-hot lies in a code. */
    static int index(ShapeColor c) {
        return 3 + c.ordinal();
    }

    /** A copy of {@code w} with coordinates {@code i} and {@code j} swapped (one one-hot for another). */
    static float[] swapped(float[] w, int i, int j) {
        float[] out = w.clone();
        out[i] = w[j];
        out[j] = w[i];
        return out;
    }

    /** A copy of {@code w} with the size coordinate of {@code radius}. */
    static float[] withRadius(float[] w, double radius) {
        float[] out = w.clone();
        out[RADIUS] = unit(radius, RADIUS_LO, RADIUS_HI);
        return out;
    }

    private static float unit(double v, double lo, double hi) {
        return (float) (SCALE * Math.max(0, Math.min(1, (v - lo) / (hi - lo))));
    }
}
