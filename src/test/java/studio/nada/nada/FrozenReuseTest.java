package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;
import studio.nada.toyworld.ShapesWorld;

/**
 * The Shapes world's generator draws no noise, so a run reads the frozen side of each step (the
 * source codes' CLIP features, the held codes' pictures) from the source filter's scoring pass
 * instead of drawing it again: the same numbers, a quarter less work a step.
 */
class FrozenReuseTest {
    private static NDManager root;
    private static Generator frozen;
    private static List<ClipGuide> guides;

    @BeforeAll
    static void setUp() throws Exception {
        root = TensorEngine.newManager(Device.cpu());
        frozen = ShapesWorld.generatorCheckpoint().build(root);
        guides = List.of(new ClipGuide("a", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root),
                new ClipGuide("b", ShapesWorld.clipB(root), ShapesWorld.tokenizer(), 1.0, root));
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    @Test
    void theKeptFeaturesAndPicturesAreTheFrozenGeneratorsOwn() {
        assertTrue(frozen.ignoresNoise(), "the Shapes world's noise strengths are all zero");
        try (NDManager m = root.newSubManager(); GradMode off = GradMode.disabled()) {
            SourceFilter.Codes codes = SourceFilter.split(frozen, guides, "blue shape", "green shape", 8, 0, m, true, true);
            // drawn again as a step draws them: a small batch, fresh random noise maps
            RandomSource noise = RandomSource.engine();
            noise.reseed(5);
            NDArray source = picture(codes.source().get("0:3"), noise);
            for (int gi = 0; gi < guides.size(); gi++) {
                assertClose(guides.get(gi).imageFeatures(source), codes.frozen().sourceFeatures().get(gi).get("0:3"),
                        "CLIP " + guides.get(gi).name() + " features of the source codes", 1e-5);
            }
            assertClose(picture(codes.held().get("2:4"), noise), codes.frozen().heldImages().get("2:4"),
                    "the held codes' pictures", 1e-4); // batch 16 and batch 2 round apart: 1e-5 seen
        }
    }

    @Test
    void aStepThatReadsTheFrozenSideLearnsWhatOneThatDrawsItLearns() {
        NadaConfig config = ShapesWorld.recommended().config("blue shape", "green shape", 3);
        // a noise strength of 1e-30 changes no picture, but makes the run draw the frozen side every step
        Generator noisy = new Generator(frozen.config(), frozen.params().copy(root));
        try (GradMode off = GradMode.disabled()) {
            noisy.params().get("convs.7.noise.weight").set(new float[] {1e-30f});
        }
        assertFalse(noisy.ignoresNoise());
        try (NadaAdapter reading = new NadaAdapter(frozen, guides, config, RandomSource.engine(), root);
                NadaAdapter drawing = new NadaAdapter(noisy, guides, config, RandomSource.engine(), root)) {
            assertTrue(reading.readsFrozenOnce());
            assertFalse(drawing.readsFrozenOnce());
            assertSameStep(reading.step(), drawing.step());
            int live = root.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                assertSameStep(reading.step(), drawing.step());
            }
            assertEquals(live, root.getManagedArrays().size(), "the kept pictures do not grow the run's arrays");
        }
    }

    private static void assertSameStep(StepResult reading, StepResult drawing) {
        assertEquals(drawing.iteration(), reading.iteration());
        assertEquals(drawing.loss(), reading.loss(), 1e-4 * Math.abs(drawing.loss()), "loss at " + drawing.iteration());
        assertEquals(drawing.trainedLayers(), reading.trainedLayers(), "layers chosen at " + drawing.iteration());
    }

    private static NDArray picture(NDArray z, RandomSource noise) {
        return frozen.synthesis(Latents.toWPlus(frozen.style(z), frozen.config().nLatent()), Noise.random(noise));
    }

    private static void assertClose(NDArray expected, NDArray actual, String what, double tolerance) {
        float[] e = expected.toFloatArray(), a = actual.toFloatArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance, what + " at " + i);
        }
    }
}
