package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final Map<String, List<AttributeChange.Outcome>> RUNS = new HashMap<>();
    private static TensorThread thread;
    private static NDManager root;
    private static AdaptationEval eval;
    private static RecommendedSettings rec;
    private static int threadsBefore;

    @BeforeAll
    static void load() throws Exception {
        thread = new TensorThread("test-tensor");
        rec = ShapesWorld.recommended();
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

    /** Runs are memoized: a test that needs another test's change reuses its runs whatever the order. */
    private static List<AttributeChange.Outcome> run(AttributeChange change) {
        return RUNS.computeIfAbsent(change.name(), n -> runSeeds(change));
    }

    private static List<AttributeChange.Outcome> runSeeds(AttributeChange change) {
        List<AttributeChange.Outcome> out = new ArrayList<>();
        // a suggestion's own settings where the change is one, as train and the studio take them
        NadaConfig config = rec.forPrompt(change.source(), change.target()).config("shape", "shape", 0);
        for (long seed : SEEDS) {
            out.add(thread.submit(() -> eval.run(change, config, seed)).join().outcome());
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
     * 0, 1, 2 with the source pool and the hold (stop 26's CLIPs): reached blue in 95%, 100%, 100%
     * of 40 red samples and kept 100% in place on every seed, both with this machine's AVX-512
     * kernels and with AVX2 ones (ONEDNN_MAX_CPU_ISA=AVX2 MKL_ENABLE_INSTRUCTIONS=AVX2: other
     * rounding, other trajectories, as on another CPU). Before the hold, two threads
     * kept one seed at 45%: a smeared run costs about 55 points of one seed, so the mean of three is
     * bounded at 70%, and two seeds of three must reach 80%. With all layers trained (stop 32, the
     * Xeon, one thread): 100% reached and 100% kept on every seed, with AVX-512 and AVX2 kernels.
     * On stop 42's generator (draw 3, weight noise) and 200 iterations, the EPYC: 100% reached and
     * kept on seeds 0–5 (AVX-512) and 0–2 (AVX2); at 140 iterations seed 0 reached 68%.
     */
    @Test
    void redShapesTurnBlueWithoutWreckingThePicture() {
        List<AttributeChange.Outcome> r = run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE));
        assertTrue(r.stream().filter(o -> o.reachedShare() >= 0.8).count() >= 2,
                "runs in which 80% of the red samples turned blue, of 3: " + r);
        double keep = mean(r, AttributeChange.Outcome::keptShare);
        assertTrue(keep >= 0.7, "mean share of the red samples kept in place (mask IoU >= 0.6): " + keep + " " + r);
        assertTrue(r.stream().filter(o -> o.diversityRatio() >= 0.8).count() >= 2,
                "runs that kept 80% of the frozen set's diversity, of 3: " + r);
    }

    /**
     * The studio's default prompt, "blue shape" → "green shape", and "yellow shape" → "red shape"
     * reach their target. Over run seeds 0, 1, 2 with the source pool and the hold (stop 26's
     * CLIPs), AVX-512 kernels reached it in 98%, 100%, 100% and 96%, 100%, 96% of the samples and
     * kept 100%, 100%, 100% and 100%, 100%, 92%; AVX2 kernels reached 98%, 100%, 100% and 96%, 98%,
     * 94% and kept 100%, 100%, 100% and 100%, 100%, 98%; diversity 0.98 or more. (Stop 24's CLIPs,
     * one and two threads: 92–100% reached, 94–100% kept.) Bounds on the means of six: 85% reached
     * (measured 98% both times) and 80% kept (measured 99% and 100%; one smeared run costs about 15
     * points).
     * Five of six runs must keep the diversity. With all layers trained (stop 32, the Xeon): AVX-512
     * reached 100%, 100%, 98% and 96%, 98%, 96% and kept 98–100%; AVX2 reached 96–100% and kept 94–100%.
     * Stop 42's generator, 200 iterations, the EPYC: AVX-512 reached 100%, 100%, 100% and 94%, 96%,
     * 100%, kept 100% each; AVX2 100%, 100%, 100% and 94%, 98%, 96%, kept 100% each.
     */
    @Test
    void colorsReachTheirTargetAcrossSeeds() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN)));
        r.addAll(run(AttributeChange.color(ShapeColor.YELLOW, ShapeColor.RED)));
        assertAggregate(r, 0.85, 0.8, 5);
    }

    /**
     * The hold leaves the samples that did not show the source as they were more often. Over the
     * nine runs of red → blue, blue → green and yellow → red (seeds 0, 1, 2) the share of other
     * samples that kept color band, style and place was on average 55.2% (AVX-512 kernels) and
     * 61.1% (AVX2); a single run's share spreads from 27% to 96%. Without the hold (hold weight 0)
     * the same nine averaged 33.1% (26–45%); with stop 24's CLIPs 58.9%/51.6% with it, 35.1%
     * without. With all layers trained (stop 32) 50.3% (AVX-512, 28–69% a run). Stop 42's
     * generator at 200 iterations: 61.3% (AVX-512, 31–97% a run), 61.7% (AVX2, 31–96%; the run's cells rounded to a percent). The bound, 42%,
     * sits between: a run that lets every shared move through fails it.
     */
    @Test
    void theOtherSamplesAreLeftAsTheyWere() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.color(ShapeColor.RED, ShapeColor.BLUE)));
        r.addAll(run(AttributeChange.color(ShapeColor.BLUE, ShapeColor.GREEN)));
        r.addAll(run(AttributeChange.color(ShapeColor.YELLOW, ShapeColor.RED)));
        double others = mean(r, AttributeChange.Outcome::othersKeptShare);
        assertTrue(others >= 0.42, "mean share of the other samples left as they were over " + r.size() + " runs: "
                + others + " " + r);
    }

    /**
     * "circle" → "triangle" changes the form, keeping place and color, with the world's suggestion
     * for it (no hold). Until stop 36 this test ran triangle → circle, which met the bar while
     * the judge read a kind from the fill alone; since stop 37 a circle must also be round
     * ({@link ShapeLook#kindOf}), and most of that change's "circles" are lumps (21%, 21%, 64%
     * reached on a 2-core EPYC). circle → triangle draws triangles a person reads as triangles: over
     * run seeds 0, 1, 2 on that EPYC 99%, 99%, 98% of 112 circles reached and 100%, 99%, 99% kept
     * (fill alone, stop 36: the same); on the Xeon (stop 32) every seed met the bar with AVX-512
     * and AVX2 kernels. The bounds leave the room the color tests leave: a mean of 80% reached and
     * 70% kept, two runs of three keeping the diversity. Stop 42's generator, 200 iterations, the
     * EPYC: reached 98%, 98%, 99% (AVX-512; 98–100% on seeds 3–5) and 97%, 98%, 99% (AVX2), kept 99–100%.
     */
    @Test
    void circlesBecomeTriangles() {
        List<AttributeChange.Outcome> r = run(AttributeChange.kind(ShapeKind.CIRCLE, ShapeKind.TRIANGLE));
        assertAggregate(r, 0.8, 0.7, 2);
    }

    /**
     * "square" → "circle" draws round discs a person reads as circles, in place, with the world's
     * suggestion for it (the style affines alone, 280 iterations, lr 0.014) on the shipped
     * generator (draw 3, taught under weight noise 0.1). On a 2-core EPYC (stop 42) it reached 97%,
     * 100%, 95% of 38 squares and kept 95%, 100%, 100% with AVX-512 kernels (seeds 3, 4, 5: 100%,
     * 97%, 84%), 100%, 100%, 95% and kept 100% with AVX2; diversity 0.99–1.01. The same settings on
     * stop 40's other σ 0.1 draw reached 97%, 95%, 49%: one seed can fall by half, so the mean of
     * three is bounded at 80% reached and 80% kept, and two runs must keep the diversity. Since
     * stop 43 the suggestion mixes styles on half its steps: reached 100%, 95%, 100% (seeds 3–8:
     * 95–100%; AVX2 100%, 92%, 100%), kept 100% on every one of those twelve runs.
     */
    @Test
    void squaresBecomeCircles() {
        List<AttributeChange.Outcome> r = run(AttributeChange.kind(ShapeKind.SQUARE, ShapeKind.CIRCLE));
        assertAggregate(r, 0.8, 0.8, 2);
    }

    /**
     * "circle" → "square" and "triangle" → "square" draw squares, not oblongs, in place, with the
     * world's suggestions for them: the direction phase (the style affines moved along the codes'
     * own direction, lr 0.1, 200 iterations; stop 46). On a 2-core EPYC with AVX-512 kernels, seeds
     * 0–8: circle → square reached 94–99% of 113 circles (kept 94–99%), triangle → square 97–100%
     * of 39 triangles (kept 92–100%), diversity 0.94–0.99; before, with every layer or the style
     * affines trained, 36–88% and 46–79%. The mean over the six runs is bounded at 90% reached and
     * 85% kept, and five of six must keep the diversity.
     */
    @Test
    void circlesAndTrianglesBecomeSquares() {
        List<AttributeChange.Outcome> r = new ArrayList<>(run(AttributeChange.kind(ShapeKind.CIRCLE, ShapeKind.SQUARE)));
        r.addAll(run(AttributeChange.kind(ShapeKind.TRIANGLE, ShapeKind.SQUARE)));
        assertAggregate(r, 0.9, 0.85, 5);
    }

    /**
     * "small shape" → "large shape" grows the small shapes in place, with the world's suggestion
     * for it: the style affines alone, lr 0.014, no hold, styles mixed on half the steps (stop 43).
     * On a 2-core EPYC: reached 100% of 41 small shapes on run seeds 0–2 and 95–100% on seeds 3–11
     * (AVX-512), 95–100% on seeds 0–5 with AVX2, kept in place 90–100%, diversity 0.81–0.88 (the
     * frozen set's spread of sizes narrows as the small ones grow). Without mixing (stop 42) seed 1
     * reached 85% and seed 7 kept 71%: as for the other rows, a seed can lose a third, so the mean of
     * three is bounded at 85% reached and 80% kept, and two runs must keep 80% of the diversity.
     */
    @Test
    void smallShapesGrowLarge() {
        List<AttributeChange.Outcome> r = run(AttributeChange.smallToLarge());
        assertAggregate(r, 0.85, 0.8, 2);
    }

    /**
     * "shape" → "outline of a shape", the style the generator never draws (the paper's point),
     * with the world's suggestion for it (stops 48–50): the fine layers (the 32 and 64 px convs,
     * every to_rgb's style), 280 iterations, lr 0.007 falling linearly to 0 with each update
     * clipped to RMS 1 (annealed), a third of the codes trained, the background held by the
     * (smoothed) absolute difference (the held pictures' and the trained ones' own) and CLIP also
     * reading the pictures with each pixel's departure from the background, of either sign, drawn
     * three times darker. Rings of the shape's color in place, insides near the background. On a
     * 2-core EPYC (stop 50, once the two views' losses were averaged with a half backward could
     * still read), 96 runs (seeds 0–11 with AVX-512 and AVX2 kernels, 100–171) reached 81–96% of
     * 190 samples (median 93%) and kept 88–96% (median 94%); seeds 0–2 reached and kept 89/89/89%
     * and 89/90/90%. Until then a garbage-scaled gradient now and then froze a run (stop 49: 3 of 96
     * stopped at 72–78%, one never started). The bounds leave about ten points under the worst
     * of the 96: a mean of three of at least 80% reached and 85% kept, every run reaching 70%, two
     * keeping the diversity.
     */
    @Test
    void shapesBecomeOutlines() {
        List<AttributeChange.Outcome> r = run(AttributeChange.outline());
        assertAggregate(r, 0.8, 0.85, 2);
        assertTrue(r.stream().allMatch(o -> o.reachedShare() >= 0.7), "every run turning 70% of the samples into outlines: " + r);
    }
}
