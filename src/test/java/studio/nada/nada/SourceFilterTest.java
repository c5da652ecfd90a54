package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import studio.nada.engine.TensorEngine;
import studio.nada.export.Images;
import studio.nada.stylegan.Generator;
import studio.nada.stylegan.Latents;
import studio.nada.stylegan.Noise;
import studio.nada.toyworld.ShapeColor;
import studio.nada.toyworld.ShapeKind;
import studio.nada.toyworld.ShapeLook;
import studio.nada.toyworld.ShapesWorld;

/** The source filter on the shipped Shapes world: of the codes it scores it keeps those that show the source. */
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
