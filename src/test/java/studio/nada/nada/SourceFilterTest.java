package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import studio.nada.engine.GradMode;
import studio.nada.engine.RandomSource;
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeLook;
import studio.nada.toyworld.ShapesWorld;

/** The source filter on the shipped Shapes world: of the codes it scores it keeps those that show the source, and what the frozen generator made of them. */
class SourceFilterTest {
    private static final int KEEP = 16;
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
    void keepsTheCodesThatShowTheSourceColor() {
        assertKeeps("red shape", "blue shape", l -> l.color() == ShapeColor.RED);
        assertKeeps("blue shape", "green shape", l -> l.color() == ShapeColor.BLUE);
        assertKeeps("yellow shape", "red shape", l -> l.color() == ShapeColor.YELLOW);
    }

    @Test
    void keepsTheCodesThatShowTheSourceKind() {
        assertKeeps("square", "triangle", l -> l.kind() == ShapeKind.SQUARE);
        assertKeeps("triangle", "circle", l -> l.kind() == ShapeKind.TRIANGLE);
    }

    @Test
    void aRunKeepsTheBatchOverPoolShareAndTheSameCodesEveryTime() {
        assertEquals(64, SourceFilter.keep(2, 8));
        assertEquals(4, SourceFilter.keep(4, 4096), "never fewer than a batch");
        try (NDManager m = root.newSubManager()) {
            NDArray a = SourceFilter.bank(frozen, guides, "red shape", "blue shape", 4, 3, m);
            NDArray b = SourceFilter.bank(frozen, guides, "red shape", "blue shape", 4, 3, m);
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), "a resumed run trains on the same codes");
        }
    }

    /** The held codes are those nearest the target: none shows the source, which the run is to change. */
    @Test
    void holdsCodesThatShowTheTargetNotTheSource() {
        try (NDManager m = root.newSubManager(); GradMode off = GradMode.disabled()) {
            SourceFilter.Codes codes = SourceFilter.split(frozen, guides, "blue shape", "green shape", KEEP, 0, m);
            assertEquals(KEEP, codes.held().getShape().get(0));
            List<ShapeLook> looks = looks(codes.held());
            assertEquals(0, looks.stream().filter(l -> l.color() == ShapeColor.BLUE).count(), looks.toString());
            assertTrue(looks.stream().filter(l -> l.color() == ShapeColor.GREEN).count() >= KEEP - 2, looks.toString());
            assertArrayEquals(SourceFilter.bank(frozen, guides, "blue shape", "green shape", KEEP, 0, m).toFloatArray(),
                    codes.source().toFloatArray(), "the same source codes as the bank");
        }
    }

    /*
     * The Shapes world's generator draws no noise, so a run reads the frozen side of each step (the
     * source codes' CLIP features, the held codes' pictures) from the filter's scoring pass instead
     * of drawing it again: the same numbers, less work a step.
     */

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
        assertReadingStepsAsDrawing(ShapesWorld.recommended().config("blue shape", "green shape", 3), 1e-4);
    }

    /**
     * The same for the outline, whose hold and contrast view also read the trained codes' frozen
     * pictures. Its background hold is near |Δ| (Hold.SMOOTH), whose gradient turns the pictures'
     * rounding-size differences into larger pushes than a squared hold does: the losses agree to
     * 1.5·10⁻⁴ of their size by step 4 (with |Δ| itself they were 6·10⁻³ apart at step 2).
     */
    @Test
    void theOutlineReadsTheTrainedCodesFrozenPicturesAsItWouldDrawThem() {
        NadaConfig config = ShapesWorld.recommended().forPrompt("shape", "outline of a shape")
                .config("shape", "outline of a shape", 3);
        assertTrue(config.contrastView() > 0 && config.holdBackground(), config.toString());
        assertReadingStepsAsDrawing(config, 1e-3);
    }

    private static void assertReadingStepsAsDrawing(NadaConfig config, double tolerance) {
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
            assertSameStep(reading.step(), drawing.step(), tolerance);
            int live = root.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                assertSameStep(reading.step(), drawing.step(), tolerance);
            }
            assertEquals(live, root.getManagedArrays().size(), "the kept pictures do not grow the run's arrays");
        }
    }

    private static void assertSameStep(StepResult reading, StepResult drawing, double tolerance) {
        assertEquals(drawing.iteration(), reading.iteration());
        assertEquals(drawing.loss(), reading.loss(), tolerance * Math.abs(drawing.loss()), "loss at " + drawing.iteration());
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
    /**
     * The outline's hold keeps only the held pictures' plain background: for a change every sample
     * shows, the held shapes must change too. None of a shape's pixels counts; nearly all of the
     * background does (the rest is the antialiased rim, and the generator's faint shading).
     */
    @Test
    void theBackgroundHoldCountsThePlainBackgroundNotTheShape() {
        try (NDManager m = root.newSubManager(); GradMode off = GradMode.disabled()) {
            SourceFilter.Codes codes = SourceFilter.split(frozen, guides, "shape", "outline of a shape", 8, 0, m, true,
                    true);
            NDArray held = codes.frozen().heldImages();
            float[] counted = Hold.backgroundMask(held).toFloatArray();
            List<Images.Argb> pictures = Images.toArgb(held);
            int side = pictures.get(0).width();
            for (int i = 0; i < pictures.size(); i++) {
                boolean[] silhouette = ShapeLook.of(pictures.get(i)).silhouette();
                int shape = 0;
                int background = 0;
                int plain = 0;
                for (int p = 0; p < silhouette.length; p++) {
                    float c = counted[i * side * side + p];
                    if (silhouette[p]) {
                        shape += c > 0 ? 1 : 0;
                    } else {
                        background++;
                        plain += c > 0 ? 1 : 0;
                    }
                }
                assertEquals(0, shape, "shape pixels the hold counts, picture " + i);
                assertTrue(plain >= 0.9 * background, "picture " + i + ": " + plain + " of " + background
                        + " background pixels counted");
            }
        }
    }

    private static List<ShapeLook> looks(NDArray z) {
        NDArray images = frozen.synthesis(Latents.toWPlus(frozen.style(z), frozen.config().nLatent()), Noise.stored());
        return Images.toArgb(images).stream().map(ShapeLook::of).toList();
    }

    /** The kept codes' frozen images show the source, judged from pixels. */
    private static void assertKeeps(String source, String target, Predicate<ShapeLook> shows) {
        try (NDManager m = root.newSubManager(); GradMode off = GradMode.disabled()) {
            NDArray z = SourceFilter.bank(frozen, guides, source, target, KEEP, 0, m);
            assertEquals(KEEP, z.getShape().get(0));
            List<ShapeLook> looks = looks(z);
            long shown = looks.stream().filter(shows).count();
            // a code or two may fall between the judge's bands (a rounded triangle, a pale color)
            assertTrue(shown >= KEEP - 2, source + " → " + target + ": kept codes that show the source, of " + KEEP + ": "
                    + looks.stream().map(l -> l.color() + " " + l.kind()).toList() + ": " + shown);
        }
    }
}
