package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
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
    private static int threadsBefore;

    @BeforeAll
    static void load() throws Exception {
        thread = new TensorThread("test-tensor");
        RecommendedSettings rec = ShapesWorld.recommended();
        settings = rec.config("shape", "shape", 0);
        thread.submit(() -> {
            // as toyworld eval runs it: one compute thread for the 64 px generator
            threadsBefore = TensorEngine.useComputeThreadsFor(ShapesModels.generator().size());
            root = TensorEngine.newManager(Device.cpu());
            eval = AdaptationEval.shapesWorld(null, new double[] {rec.clipWeight(0), rec.clipWeight(1)}, 192, root);
            return null;
        }).join();
    }

    @AfterAll
    static void close() {
        thread.submit(() -> {
            root.close();
            TensorEngine.useComputeThreads(threadsBefore);
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

    private static double mean(List<AttributeChange.Outcome> runs, ToDoubleFunction<AttributeChange.Outcome> share) {
        return runs.stream().mapToDouble(share).average().orElse(0);
    }

    /** Mean reach and keep over the runs at least the bounds, and {@code diverse} runs keeping 80% of the diversity. */
    private static void assertAggregate(List<AttributeChange.Outcome> r, double reachMin, double keepMin, int diverse) {
        double reach = mean(r, AttributeChange.Outcome::reachedShare);
        double keep = mean(r, AttributeChange.Outcome::keptShare);
        int n = r.size();
        assertTrue(reach >= reachMin, "mean share of samples that reached the target over " + n + " runs: " + reach + " " + r);
        assertTrue(keep >= keepMin, "mean share that kept everything else over " + n + " runs: " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= diverse,
                "runs that kept 80% of the frozen set's diversity, of " + n + ": " + r);
    }

    /**
     * "red shape" → "blue shape" reaches blue without wrecking the picture. Measured over run seeds
     * 0, 1, 2 with two OpenMP threads it reached blue in 85%, 88% and 98% of 40 red samples and
     * kept 98%, 18%, 93% in place; with one thread (other rounding, other trajectories) 98%, 98%,
     * 48% and 75%, 90%, 100%. Every run left red and kept the diversity (0.95 or more), so two
     * seeds of three must reach 80%; a run's keep varies by ±30 points, so the mean of three is
     * bounded at 35% (measured 70% and 88%): a run that smears every shape fails it.
     */
    @Test
    void redShapesTurnBlueWithoutWreckingThePicture() {
        List<AttributeChange.Outcome> r = run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE));
        assertTrue(r.stream().filter(o -> o.reachedShare() >= 0.8).count() >= 2,
                "runs in which 80% of the red samples turned blue, of 3: " + r);
        double keep = mean(r, AttributeChange.Outcome::keptShare);
        assertTrue(keep >= 0.35, "mean share of the red samples kept in place (mask IoU >= 0.6): " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 2,
                "runs that kept 80% of the frozen set's diversity, of 3: " + r);
    }

    /**
     * The studio's default prompt, "blue shape" → "green shape", and "yellow shape" → "red shape"
     * reach their target. Over run seeds 0, 1, 2 with two threads they reached it in 100%, 100%,
     * 100% and 98%, 100%, 100% of the samples and kept 56%, 100%, 100% and 100%, 100%, 82%; with
     * one thread 100%, 100%, 100% and 96%, 100%, 96%, kept 42%, 96%, 90% and 56%, 100%, 58%;
     * diversity 0.96 or more. Reach no longer varies (no run under 96%), so its mean is bounded at
     * 85%; keep varies by about ±22 points a run, so a mean of six by about ±9, and its bound, 50%,
     * sits near three of those below the lower measured mean (74%, and 90% with two threads). Five
     * of six runs must keep the diversity.
     */
    @Test
    void colorsReachTheirTargetAcrossSeeds() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN)));
        r.addAll(run(AttributeChange.color(ShapeColor.YELLOW, ShapeColor.RED)));
        assertAggregate(r, 0.85, 0.5, 5);
    }

    /**
     * "triangle" → "circle" changes the form, keeping place and color. Over run seeds 0, 1, 2 the
     * 31 triangles became circles by their fill ratio in 100%, 100%, 100% (two threads) and 97%,
     * 94%, 90% (one thread), kept 97%, 90%, 81% and 97%, 55%, 90%; diversity 0.92 or more. Bounds
     * on the means of three: 75% reached, 50% kept (measured 97%/89% and 94%/81%).
     */
    @Test
    void trianglesBecomeRound() {
        List<AttributeChange.Outcome> r = run(AttributeChange.kind(ShapeKind.TRIANGLE, ShapeKind.CIRCLE));
        assertAggregate(r, 0.75, 0.5, 2);
    }
}
