package studio.nada.toyworld;

/**
 * Where each attribute of a scene sits in the Shapes CLIPs' unit embedding: the first
 * {@link #DIMS} coordinates are held, during CLIP's training, at points this class computes for
 * the image (from what is drawn) and for the caption (from what it names; 0 for what it leaves
 * unsaid). The other coordinates are free for the contrastive loss, but twins that differ in one
 * attribute must agree on them.
 *
 * <p>Why: StyleGAN-NADA asks only that E_I(adapted) − E_I(frozen) point along E_T(target) −
 * E_T(source). With each attribute on coordinates of its own, a text direction that changes one
 * word lies in that attribute's coordinates alone, so only a change of that attribute in the
 * picture can follow it, and a move of anything else (place, size, the background's tint) adds a
 * component at right angles, which the loss resists. Colors sit on a sphere ({@link HueSphere}),
 * kinds on a circle, so that a run pulls to the target's own corner, not to a mixture.
 */
public final class EmbeddingLayout {
    static final int COLOR = 0;
    static final int KIND = 3;
    static final int SIZE = 5;
    static final int STYLE = 6;
    static final int PLACE = 7;
    static final int TINT = 9;
    static final int WARP = 12;
    static final int BLUR = 13;
    static final int GLOW = 14;
    static final int OPACITY = 15;
    /** How far the form leans, on an axis of its own, so that leaning is not taken for a change of kind. */
    static final int SHEAR = 16;
    /**
     * How far a form is between two kinds, √sin(π t), on an axis of its own. On the kinds' circle
     * alone a rounded square already pointed within a few degrees of "circle" → "square", so the
     * directional loss let a run stop there. Bowed out of that plane, the path from one kind's
     * corner to another's keeps turning ΔI toward ΔT until the target's sharp corners, and the
     * square root keeps that turn from flattening out near the end.
     */
    static final int MORPH = 17;
    /** Number of held coordinates. */
    public static final int DIMS = 18;

    /*
     * The radius of each attribute's points: the share of the unit embedding's length it holds.
     * A typical image uses about 0.6 of the squared length, leaving the rest to the free part.
     */
    static final double R_COLOR = 0.5;
    static final double R_KIND = 0.4;
    static final double R_SIZE = 0.25;
    static final double R_STYLE = 0.3;
    static final double R_WARP = 0.25;
    static final double R_SHEAR = 0.25;
    static final double R_MORPH = 0.4;
    static final double R_BLUR = 0.2;
    static final double R_GLOW = 0.25;
    static final double R_OPACITY = 0.25;
    static final double R_PLACE = 0.15;
    static final double TINT_GAIN = 1.5;

    private EmbeddingLayout() {}

    /** Held coordinates of a scene painted at {@code hue} with these variations. */
    public static double[] image(Scene s, Form f, double hue, ClipAugment.Nuisance v) {
        double[] out = new double[DIMS];
        double[] u = HueSphere.of(hue);
        for (int k = 0; k < 3; k++) {
            out[COLOR + k] = R_COLOR * v.opacity() * u[k];
            out[TINT + k] = TINT_GAIN * v.tint()[k];
        }
        double[] w = kind(s.kind(), f.other(), f.t());
        out[KIND] = R_KIND * w[0];
        out[KIND + 1] = R_KIND * w[1];
        out[SIZE] = R_SIZE * size(s.radius());
        out[STYLE] = R_STYLE * (1 - 2 * f.fill());
        out[WARP] = R_WARP * f.warp() / Form.MAX_WARP;
        out[SHEAR] = R_SHEAR * f.shear() / Form.MAX_SHEAR;
        out[MORPH] = R_MORPH * Math.sqrt(Math.sin(Math.PI * f.t()));
        out[BLUR] = v.blur() ? R_BLUR : 0;
        out[GLOW] = R_GLOW * v.glow().strength() / ClipAugment.MAX_GLOW;
        // a fading shape moves on an axis of its own, so that vanishing is not mistaken for a change a caption names
        out[OPACITY] = R_OPACITY * (1 - v.opacity()) / (1 - ClipAugment.MIN_OPACITY);
        out[PLACE] = R_PLACE * place(s.cx());
        out[PLACE + 1] = R_PLACE * place(s.cy());
        return out;
    }

    /** Held coordinates of a caption: each named attribute's point, 0 for the rest. */
    public static double[] text(Caption c) {
        double[] out = new double[DIMS];
        if (c.color() != null) {
            double[] u = HueSphere.of(c.color());
            for (int k = 0; k < 3; k++) {
                out[COLOR + k] = R_COLOR * u[k];
            }
        }
        if (c.kind() != null) {
            double[] w = kind(c.kind());
            out[KIND] = R_KIND * w[0];
            out[KIND + 1] = R_KIND * w[1];
        }
        if (c.size() != null) {
            out[SIZE] = R_SIZE * size(c.size().radius());
        }
        if (c.style() != null) {
            out[STYLE] = R_STYLE * (c.style() == ShapeStyle.OUTLINE ? 1 : -1);
        }
        if (c.column() != null) {
            out[PLACE] = R_PLACE * place(Scene.CELL_CENTERS[c.column()]);
        }
        if (c.row() != null) {
            out[PLACE + 1] = R_PLACE * place(Scene.CELL_CENTERS[c.row()]);
        }
        return out;
    }

    /** A kind's corner on the unit circle, the three 120° apart. */
    static double[] kind(ShapeKind k) {
        return kind(k, k, 0);
    }

    /** The point t of the way along the 120° arc from one kind's corner to another's. */
    static double[] kind(ShapeKind from, ShapeKind to, double t) {
        double a = angle(from);
        double d = angle(to) - a;
        d = Math.IEEEremainder(d, 2 * Math.PI); // the short way round
        return new double[] {Math.cos(a + t * d), Math.sin(a + t * d)};
    }

    private static double angle(ShapeKind k) {
        return Math.PI / 2 + 2 * Math.PI / 3 * k.ordinal();
    }

    /** Radius to −1 (small) .. 1 (large). */
    static double size(double radius) {
        double mid = (ShapeSize.SMALL.radius() + ShapeSize.LARGE.radius()) / 2;
        return (radius - mid) / (ShapeSize.LARGE.radius() - mid);
    }

    /** A center coordinate to −1 (left, top) .. 1 (right, bottom) at the outer cells. */
    static double place(double v) {
        return (v - Scene.CELL_CENTERS[1]) / (Scene.CELL_CENTERS[2] - Scene.CELL_CENTERS[1]);
    }
}
