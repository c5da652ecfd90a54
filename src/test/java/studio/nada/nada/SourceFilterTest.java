package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
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

/** The source filter on the shipped Shapes world: of a pool of samples it picks those that show the source. */
class SourceFilterTest {
    private static final int POOL = 32;
    private static NDManager root;
    private static Generator frozen;
    private static List<ClipGuide> guides;
    private static NDArray pool;
    private static List<ShapeLook> looks;

    @BeforeAll
    static void setUp() throws Exception {
        root = TensorEngine.newManager(Device.cpu());
        frozen = ShapesWorld.generatorCheckpoint().build(root);
        guides = List.of(new ClipGuide("a", ShapesWorld.clip(root), ShapesWorld.tokenizer(), 1.0, root),
                new ClipGuide("b", ShapesWorld.clipB(root), ShapesWorld.tokenizer(), 1.0, root));
        Random r = new Random(7);
        float[] z = new float[POOL * frozen.config().styleDim()];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        try (GradMode off = GradMode.disabled()) {
            NDArray w = frozen.style(root.create(z, new Shape(POOL, frozen.config().styleDim())));
            pool = Latents.toWPlus(w, frozen.config().nLatent());
            looks = Images.toArgb(frozen.synthesis(pool, Noise.stored())).stream().map(ShapeLook::of).toList();
        }
    }

    @AfterAll
    static void tearDown() {
        root.close();
    }

    @Test
    void picksTheSamplesThatShowTheSourceColor() {
        assertPicks("red shape", "blue shape", l -> l.color() == ShapeColor.RED);
        assertPicks("blue shape", "green shape", l -> l.color() == ShapeColor.BLUE);
        assertPicks("yellow shape", "red shape", l -> l.color() == ShapeColor.YELLOW);
    }

    @Test
    void picksTheSamplesThatShowTheSourceKind() {
        assertPicks("square", "triangle", l -> l.kind() == ShapeKind.SQUARE);
        assertPicks("triangle", "circle", l -> l.kind() == ShapeKind.TRIANGLE);
    }

    private static void assertPicks(String source, String target, Function<ShapeLook, Boolean> shows) {
        int batch = 3;
        long sources = looks.stream().filter(shows::apply).count();
        assertTrue(sources >= batch, source + ": the pool must hold enough sources, has " + sources);
        try (NDManager m = root.newSubManager()) {
            long[] rows = SourceFilter.pick(frozen, guides, source, target, pool, batch, RandomSource.engine(), m);
            assertEquals(batch, rows.length);
            for (long row : rows) {
                assertTrue(shows.apply(looks.get((int) row)), source + " → " + target + ": picked sample " + row
                        + " does not show the source (" + looks.get((int) row) + "); " + sources + " of " + POOL + " do");
            }
        }
    }
}
