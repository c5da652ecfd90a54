package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The W codes the Shapes synthesis network learns from, and the augmented renders CLIP learns from. */
class SceneCodeTest {
    @Test
    void codeIsOneHotKindAndColorPlusPlacementAllNonNegative() {
        Scene s = Scene.of(ShapeKind.values()[1], ShapeColor.BLUE, ShapeSize.LARGE, 0, 2);
        float[] w = SceneCode.of(s, 64);
        assertEquals(64, w.length);
        assertEquals(2f, w[1]);
        assertEquals(0f, w[0] + w[2]);
        assertEquals(2f, w[3 + ShapeColor.BLUE.ordinal()]);
        for (float v : w) {
            assertTrue(v >= 0, "the mapping network ends in a leaky ReLU: " + v);
        }
        for (int i = SceneCode.USED; i < w.length; i++) {
            assertEquals(0f, w[i]);
        }
        assertTrue(w[8] < w[9], "left column: x code below its mirror");
        assertTrue(w[10] > w[11], "bottom row: y code above its mirror");
        assertNotEquals(w[7], SceneCode.of(Scene.of(ShapeKind.values()[1], ShapeColor.BLUE, ShapeSize.SMALL, 0, 2), 64)[7]);
        assertThrows(IllegalArgumentException.class, () -> SceneCode.of(s, 8));
    }

    /** The own drawing of a change edits a code into the code of the changed scene, and nothing else. */
    @Test
    void swappingAOneHotOrTheRadiusGivesTheChangedScenesCode() {
        Scene s = Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.SMALL, 2, 0);
        float[] w = SceneCode.of(s, 64);
        assertArrayEquals(SceneCode.of(s.withKind(ShapeKind.SQUARE), 64),
                SceneCode.swapped(w, SceneCode.index(ShapeKind.CIRCLE), SceneCode.index(ShapeKind.SQUARE)));
        assertArrayEquals(SceneCode.of(s.withColor(ShapeColor.BLUE), 64),
                SceneCode.swapped(w, SceneCode.index(ShapeColor.RED), SceneCode.index(ShapeColor.BLUE)));
        Scene large = new Scene(s.kind(), s.color(), ShapeSize.LARGE.radius(), s.cx(), s.cy());
        assertArrayEquals(SceneCode.of(large, 64), SceneCode.withRadius(w, ShapeSize.LARGE.radius()));
        assertEquals(2f, w[SceneCode.index(ShapeKind.CIRCLE)], "the input is left as it was");
    }

    /**
     * Same seed, same drawings; and whatever the fade, tint, glow, blur and noise, the shape's inside
     * differs from its background in the direction of its own color (of the four).
     */
    @Test
    void augmentedRendersAreSeededAndKeepTheNamedColor() {
        List<Scene> scenes = new SceneSampler(11).next(64);
        ClipAugment a = new ClipAugment(5);
        ClipAugment b = new ClipAugment(5);
        int plane = ShapeRenderer.SIZE * ShapeRenderer.SIZE;
        for (Scene s : scenes) {
            float[] x = ClipAugment.draw(s, Form.plain(s), a.huePaint(s, 0), a.nuisance(s));
            assertArrayEquals(x, ClipAugment.draw(s, Form.plain(s), b.huePaint(s, 0), b.nuisance(s)),
                    "same seed, same drawing");
            float[] coverage = ShapeRenderer.render(s).coverage();
            double[] inside = new double[3];
            double[] outside = new double[3];
            int nIn = 0;
            int nOut = 0;
            for (int i = 0; i < plane; i++) {
                if (coverage[i] == 1 || coverage[i] == 0) {
                    double[] acc = coverage[i] == 1 ? inside : outside;
                    for (int c = 0; c < 3; c++) {
                        acc[c] += x[c * plane + i];
                    }
                    nIn += coverage[i] == 1 ? 1 : 0;
                    nOut += coverage[i] == 0 ? 1 : 0;
                }
            }
            double[] d = new double[3];
            for (int c = 0; c < 3; c++) {
                d[c] = inside[c] / nIn - outside[c] / nOut;
            }
            ShapeColor best = null;
            double bestCos = -2;
            for (ShapeColor color : ShapeColor.values()) {
                double[] e = new double[3];
                for (int c = 0; c < 3; c++) {
                    e[c] = color.rgb()[c] - ShapeColor.BACKGROUND[c];
                }
                double cos = (d[0] * e[0] + d[1] * e[1] + d[2] * e[2]) / Math.sqrt((d[0] * d[0] + d[1] * d[1] + d[2] * d[2])
                        * (e[0] * e[0] + e[1] * e[1] + e[2] * e[2]));
                if (cos > bestCos) {
                    bestCos = cos;
                    best = color;
                }
            }
            assertEquals(s.color(), best, "a faded, tinted, noisy " + s.color() + " still reads " + s.color());
        }
    }

    /** A caption is true of a painted hue only where it names the hue's band, and of a morph or part fill only if it names no kind or style. */
    @Test
    void captionsAreTrueOnlyOfWhatTheyName() {
        Scene red = Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.SMALL, 0, 0);
        ClipAugment.HuePaint violet = new ClipAugment.HuePaint(ClipAugment.hsv(280, 0.8, 0.8), 280, ShapeColor.ofHue(280));
        ClipAugment.HuePaint blue = new ClipAugment.HuePaint(ClipAugment.hsv(230, 0.8, 0.8), 230, ShapeColor.BLUE);
        Form plain = Form.plain(red);
        assertEquals(0.0, violet.truth(caption(ShapeColor.RED), red, plain));
        assertEquals(0.0, violet.truth(caption(ShapeColor.BLUE), red, plain), "violet is not blue");
        assertEquals(1.0, violet.truth(caption(null), red, plain));
        assertEquals(1.0, blue.truth(caption(ShapeColor.BLUE), red, plain));
        Caption circle = new Caption("a circle", ShapeKind.CIRCLE, null, null, null, null);
        Form morph = new Form(ShapeKind.SQUARE, 0.5, 1, 0, new double[4][4]);
        assertEquals(1.0, blue.truth(circle, red, plain));
        assertEquals(0.0, blue.truth(circle, red, morph), "half a square is not a circle");
        assertEquals(1.0, blue.truth(caption(null), red, morph));
        Caption outline = new Caption("an outline of a shape", null, null, null, null, null, ShapeStyle.OUTLINE);
        Scene ring = red.withStyle(ShapeStyle.OUTLINE);
        assertEquals(1.0, blue.truth(outline, ring, Form.plain(ring)));
        assertEquals(0.0, blue.truth(outline, ring, Form.plain(ring).withFill(0.5)), "half filled is neither");
        assertEquals(0.0, blue.truth(outline, red, plain));
    }

    private static Caption caption(ShapeColor color) {
        return new Caption(color == null ? "a shape" : "a " + color.word() + " shape", null, color, null, null, null);
    }
}
