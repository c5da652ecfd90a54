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
     * "red shape" → "blue shape" moves the red samples off red without wrecking the picture. With
     * the world's designed CLIPs it reached blue in 100%, 95% and 0% of 40 red samples (run seeds 0,
     * 1, 2; the third stopped at purple inside a blue halo), kept 100%, 38% and 63% in place:
     * still chaotic, so the bounds are those of the old world, which it meets with room: two seeds
     * of three must leave red, one must keep most samples in place, two must keep the diversity.
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

    /**
     * "blue shape" → "yellow shape" and the studio's default prompt, "yellow shape" → "red shape",
     * reach their target (a yellow that is often mustard, which the hue bands count as yellow): measured over run seeds 0, 1, 2 they reached it in 92%, 88%, 100% and 96%,
     * 96%, 96% of the samples, kept 100%, 100%, 100% and 96%, 100%, 64%, diversity 0.94 or more. Over
     * all 36 color runs of the table, 13 did not reach 90%, most of them by stopping at a
     * neighbouring hue; so the bounds are on the six runs together: a mean reach and keep of 60%
     * hold even if two of the six runs went nowhere, and five of six must keep the diversity.
     */
    @Test
    void colorsReachTheirTargetAcrossSeeds() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN)));
        r.addAll(run(AttributeChange.color(ShapeColor.YELLOW, ShapeColor.RED)));
        double reach = r.stream().mapToDouble(AttributeChange.Outcome::reachedShare).average().orElse(0);
        double keep = r.stream().mapToDouble(AttributeChange.Outcome::keptShare).average().orElse(0);
        assertTrue(reach >= 0.6, "mean share of samples that reached the target color over 6 runs: " + reach + " " + r);
        assertTrue(keep >= 0.6, "mean share kept in place over 6 runs: " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 5,
                "runs that kept 80% of the frozen set's diversity, of 6: " + r);
    }
}
