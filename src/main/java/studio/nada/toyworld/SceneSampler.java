package studio.nada.toyworld;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random scenes for CLIP's training and tests: every kind and color equally often, radius and
 * center continuous over the whole range the generator draws (and a little beyond), so CLIP
 * does not depend on the exact cells.
 */
public final class SceneSampler {
    private final Random random;

    public SceneSampler(long seed) {
        this.random = new Random(seed);
    }

    public Scene next() {
        ShapeKind kind = ShapeKind.values()[random.nextInt(ShapeKind.values().length)];
        ShapeColor color = ShapeColor.values()[random.nextInt(ShapeColor.values().length)];
        double radius = uniform(ShapeSize.SMALL.radius() - 0.025, ShapeSize.LARGE.radius() + 0.025);
        double lo = Scene.CELL_CENTERS[0] - 0.06;
        double hi = Scene.CELL_CENTERS[2] + 0.06;
        return new Scene(kind, color, radius, uniform(lo, hi), uniform(lo, hi));
    }

    public List<Scene> next(int n) {
        List<Scene> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(next());
        }
        return out;
    }

    /** The sampler's generator, for choices that go with a scene (captions). */
    public Random random() {
        return random;
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
