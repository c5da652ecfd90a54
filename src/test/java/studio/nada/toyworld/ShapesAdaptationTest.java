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
     * may reach it and another's stop at violet. Over the 36 color cells measured
     * (docs/shapes_eval.md), 2 left the source color in under 80% of their samples, 5 kept under 75%
     * in place and 1 lost diversity; so two seeds of three must leave red, one must keep most
     * samples in place, and two must keep the diversity (each fails on a machine with a chance
     * of about 1% by those counts).
     */
    @Test
    void redShapesLeaveRedWithoutWreckingThePicture() {
        List<AttributeChange.Outcome> r = run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE));
        assertTrue(r.stream().filter(o -> o.leftShare() >= 0.8).count() >= 2,
                "runs in which 80% of the red samples are no longer red, of 3: " + r);
        assertTrue(r.stream().anyMatch(o -> o.keptShare() >= 0.75),
                "no run kept 75% of the red samples in place (mask IoU >= 0.6): " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 2,
                "runs that kept 80% of the frozen set's diversity, of 3: " + r);
    }
}
