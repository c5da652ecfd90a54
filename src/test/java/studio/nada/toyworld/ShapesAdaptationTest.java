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
     * "red shape" → "blue shape" moves the red samples off red without wrecking the picture. Measured
     * over run seeds 0, 1, 2 with two OpenMP threads it reached blue in 100%, 95% and 0% of 40 red
     * samples and kept 100%, 38%, 63% in place; with one thread (other rounding, other trajectories)
     * 70%, 68%, 5% and 95%, 28%, 8%. Every run left red (100%) and kept the diversity (0.94 or
     * more), so two seeds of three must do both; where the samples end is chaotic, so only the
     * mean keep is bounded, at 20% (measured 67% and 44%): a run that smears every shape fails it.
     */
    @Test
    void redShapesLeaveRedWithoutWreckingThePicture() {
        List<AttributeChange.Outcome> r = run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE));
        assertTrue(r.stream().filter(o -> o.leftShare() >= 0.8).count() >= 2,
                "runs in which 80% of the red samples are no longer red, of 3: " + r);
        double keep = r.stream().mapToDouble(AttributeChange.Outcome::keptShare).average().orElse(0);
        assertTrue(keep >= 0.2, "mean share of the red samples kept in place (mask IoU >= 0.6): " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 2,
                "runs that kept 80% of the frozen set's diversity, of 3: " + r);
    }

    /**
     * The studio's default prompt, "blue shape" → "green shape", and "yellow shape" → "red shape"
     * reach their target. Over run seeds 0, 1, 2 with two threads they reached it in 100%, 100%,
     * 98% and 96%, 96%, 96% of the samples and kept 92%, 100%, 46% and 96%, 100%, 64%; with one
     * thread 100%, 100%, 6% and 96%, 96%, 96%, kept 60%, 42%, 29% and 100%, 100%, 100%; diversity
     * 0.93 or more. Over those 12 runs reach averages 90% and keep 77%, each run ±27 points, so a
     * mean of six runs varies by about ±11: the bounds, 60% reached and 45% kept, sit near three of
     * those below what was measured. Five of six runs must keep the diversity.
     */
    @Test
    void colorsReachTheirTargetAcrossSeeds() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN)));
        r.addAll(run(AttributeChange.color(ShapeColor.YELLOW, ShapeColor.RED)));
        double reach = r.stream().mapToDouble(AttributeChange.Outcome::reachedShare).average().orElse(0);
        double keep = r.stream().mapToDouble(AttributeChange.Outcome::keptShare).average().orElse(0);
        assertTrue(reach >= 0.6, "mean share of samples that reached the target color over 6 runs: " + reach + " " + r);
        assertTrue(keep >= 0.45, "mean share kept in place over 6 runs: " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 5,
                "runs that kept 80% of the frozen set's diversity, of 6: " + r);
    }
}
