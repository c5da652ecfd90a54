package studio.nada.toyworld;

/**
 * Draws a scene's coverage in a {@link Form}: kinds as implicit functions (≤ 0 inside, about a
 * distance in units of the radius) so that a morph is their blend, the interior scaled by the
 * fill, every sample point displaced by the warp and leant. 4×4 supersampling, as {@link ShapeRenderer},
 * which keeps its own loop: its triangle edge is exact where this one's is the 0.866 the shipped
 * CLIPs saw, and the shipped generator was taught on its pixels.
 */
public final class FormRenderer {
    private static final int SUB = 4;
    private static final int N = ShapeRenderer.SIZE;
    /** cos 30°, to three places: the shipped CLIPs were trained on triangles drawn with it. */
    private static final double HALF_SQRT3 = 0.866;

    private FormRenderer() {}

    /** Per-pixel coverage in [0, 1], [64·64]. */
    public static float[] coverage(Scene s, Form f) {
        float[] out = new float[N * N];
        double r = s.radius() * N;
        double cx = s.cx() * N;
        double cy = s.cy() * N;
        double inrad = (1 - f.t()) * s.kind().inradius() + f.t() * f.other().inradius();
        double inner = r * (1 - ShapeStyle.LINE_WIDTH / (r * inrad));
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double sum = 0;
                for (int sy = 0; sy < SUB; sy++) {
                    for (int sx = 0; sx < SUB; sx++) {
                        double px = x + (sx + 0.5) / SUB;
                        double py = y + (sy + 0.5) / SUB;
                        if (f.warp() > 0) {
                            double dx = 0;
                            double dy = 0;
                            for (int i = 0; i < 4; i++) {
                                double[] w = f.waves()[i];
                                double v = w[3] * Math.sin(2 * Math.PI * (w[0] * px + w[1] * py) / N + w[2]);
                                if (i < 2) {
                                    dx += v;
                                } else {
                                    dy += v;
                                }
                            }
                            px += f.warp() * dx / 2;
                            py += f.warp() * dy / 2;
                        }
                        // a lean moves each row sideways in proportion to its height above the center
                        double lx = px - cx + f.shear() * (py - cy);
                        if (implicit(s.kind(), f, lx / r, (py - cy) / r) <= 0) {
                            boolean interior = implicit(s.kind(), f, lx / inner, (py - cy) / inner) <= 0;
                            sum += interior ? f.fill() : 1;
                        }
                    }
                }
                out[y * N + x] = (float) (sum / (SUB * SUB));
            }
        }
        return out;
    }

    private static double implicit(ShapeKind own, Form f, double dx, double dy) {
        double a = implicit(own, dx, dy);
        return f.t() == 0 ? a : (1 - f.t()) * a + f.t() * implicit(f.other(), dx, dy);
    }

    /** ≤ 0 inside the kind at radius 1, as {@link ShapeKind#contains}. */
    static double implicit(ShapeKind k, double dx, double dy) {
        return switch (k) {
            case CIRCLE -> Math.hypot(dx, dy) - 1;
            case SQUARE -> Math.max(Math.abs(dx), Math.abs(dy)) - 0.886;
            // apex up: edges 0.65 from the centroid, outward normals down, up-left and up-right (y grows down)
            case TRIANGLE -> Math.max(dy, Math.max(-HALF_SQRT3 * dx - 0.5 * dy, HALF_SQRT3 * dx - 0.5 * dy)) - 0.65;
        };
    }
}
