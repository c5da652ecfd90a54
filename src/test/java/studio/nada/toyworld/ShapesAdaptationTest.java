package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.TensorEngine;
import studio.nada.engine.TensorThread;
import studio.nada.nada.NadaConfig;
import studio.nada.nada.RecommendedSettings;

/**
 * The end-to-end proof that adaptation does what the words say, judged from pixels
 * ({@link ShapeLook}), never by CLIP: a few changes of {@code toyworld eval}, each with three run
 * seeds and the Shapes world's recommended settings. A training trajectory is chaotic (another
 * CPU's float rounding sends it elsewhere), so every bound is on what the three seeds do together,
 * with margins from the spread measured over many cells; {@code toyworld eval} prints the whole
 * table.
 */
class ShapesAdaptationTest {
    private static final long[] SEEDS = {0, 1, 2};
    private static TensorThread thread;
    private static NDManager root;
    private static AdaptationEval eval;
    private static NadaConfig settings;

    @BeforeAll
    static void load() throws Exception {
        thread = new TensorThread("test-tensor");
        RecommendedSettings rec = ShapesWorld.recommended();
        settings = rec.config("shape", "shape", 0);
        thread.submit(() -> {
            root = TensorEngine.newManager(Device.cpu());
            eval = AdaptationEval.shapesWorld(null, new double[] {rec.clipWeight(0), rec.clipWeight(1)}, 192, root);
            return null;
        }).join();
    }

    @AfterAll
    static void close() {
        thread.submit(() -> {
            root.close();
            return null;
        }).join();
        thread.close();
    }

    private static List<AttributeChange.Outcome> run(AttributeChange change) {
        List<AttributeChange.Outcome> out = new ArrayList<>();
        for (long seed : SEEDS) {
            out.add(thread.submit(() -> eval.run(change, settings, seed)).join().outcome());
        }
        System.out.printf(Locale.ROOT, "%s, run seeds %s: %s%n", change.name(), Arrays.toString(SEEDS), out);
        return out;
    }

    /**
     * "red shape" → "blue shape" moves the red samples off red, and does so without wrecking the
     * picture. Whether they reach blue is left to {@code toyworld eval}: with today's world that is
     * chaotic (run seeds 0, 1, 2 here: 0%, 50%, 85% of 40 red samples blue), so one CPU's trajectory
     * may reach it and another's stop at violet. What holds across the 21 color cells measured
     * (docs/shapes_eval.md): samples left the source color in 93–100% of every cell; a cell kept
     * under half of its samples in place in 3 of 21, and lost diversity in 1 of 21. So: the mean
     * share that left red, at least one seed that kept most samples in place, and at most one seed
     * that lost diversity.
     */
    @Test
    void redShapesLeaveRedWithoutWreckingThePicture() {
        List<AttributeChange.Outcome> r = run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE));
        double left = r.stream().mapToDouble(AttributeChange.Outcome::leftShare).average().orElse(0);
        double bestKept = r.stream().mapToDouble(AttributeChange.Outcome::keptShare).max().orElse(0);
        long diverse = r.stream().filter(o -> o.diversityRatio() >= 0.8).count();
        assertTrue(left >= 0.8, "mean share of red samples no longer red: " + r);
        assertTrue(bestKept >= 0.75, "no run kept 75% of the red samples in place (mask IoU >= 0.6): " + r);
        assertTrue(diverse >= 2, "runs that kept 80% of the frozen set's diversity: " + diverse + " of 3: " + r);
    }
}
