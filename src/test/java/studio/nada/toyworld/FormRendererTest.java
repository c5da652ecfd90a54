package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The forms CLIP's training draws: a plain form is the renderer's own drawing; morphs, fills and warps in between. */
class FormRendererTest {
    @Test
    void aPlainFormIsTheRenderersDrawing() {
        for (ShapeKind k : ShapeKind.values()) {
            for (ShapeStyle style : ShapeStyle.values()) {
                Scene s = new Scene(k, ShapeColor.RED, 0.2, 0.45, 0.55, style);
                assertArrayEquals(ShapeRenderer.render(s).coverage(), FormRenderer.coverage(s, Form.plain(s)), 1e-6f,
                        k + " " + style);
            }
        }
    }

    @Test
    void aPartFillLiesBetweenTheOutlineAndTheFilledShape() {
        Scene s = new Scene(ShapeKind.SQUARE, ShapeColor.BLUE, 0.2, 0.5, 0.5);
        double filled = sum(FormRenderer.coverage(s, Form.plain(s)));
        double outline = sum(FormRenderer.coverage(s, Form.plain(s).withFill(0)));
        double half = sum(FormRenderer.coverage(s, Form.plain(s).withFill(0.5)));
        assertEquals((filled + outline) / 2, half, 1e-3 * filled);
        assertTrue(outline < 0.5 * filled, "an outline covers less: " + outline + " of " + filled);
    }

    @Test
    void aMorphHalfWayIsNeitherKind() {
        Scene circle = new Scene(ShapeKind.CIRCLE, ShapeColor.GREEN, 0.2, 0.5, 0.5);
        Scene square = new Scene(ShapeKind.SQUARE, ShapeColor.GREEN, 0.2, 0.5, 0.5);
        float[] c = FormRenderer.coverage(circle, Form.plain(circle));
        float[] q = FormRenderer.coverage(square, Form.plain(square));
        float[] m = FormRenderer.coverage(circle, new Form(ShapeKind.SQUARE, 0.5, 1, 0, new double[4][4]));
        double toCircle = distance(m, c);
        double toSquare = distance(m, q);
        assertTrue(toCircle > 0 && toSquare > 0, "the morph differs from both");
        assertTrue(toCircle < distance(c, q) && toSquare < distance(c, q), "and lies between them");
    }

    @Test
    void aWarpMovesTheEdgesButKeepsMostOfTheShape() {
        Scene s = new Scene(ShapeKind.CIRCLE, ShapeColor.RED, 0.2, 0.5, 0.5);
        Form warped = Form.random(s, new Random(1), 0, 0, 1, 0);
        float[] plain = FormRenderer.coverage(s, Form.plain(s));
        float[] w = FormRenderer.coverage(s, new Form(ShapeKind.CIRCLE, 0, 1, Form.MAX_WARP, warped.waves()));
        double d = distance(plain, w);
        assertTrue(d > 0.05 * sum(plain) && d < 0.6 * sum(plain), "changed " + d + " of " + sum(plain));
    }

    @Test
    void aLeaningSquareKeepsItsAreaButIsNoLongerASquare() {
        Scene s = new Scene(ShapeKind.SQUARE, ShapeColor.BLUE, 0.25, 0.5, 0.5);
        float[] plain = FormRenderer.coverage(s, Form.plain(s));
        float[] leant = FormRenderer.coverage(s, new Form(ShapeKind.SQUARE, 0, 1, 0, new double[4][4], Form.MAX_SHEAR));
        assertEquals(sum(plain), sum(leant), 0.01 * sum(plain), "a shear keeps the area");
        assertEquals(ShapeKind.SQUARE, ShapeLook.of(ShapeLookTest.withCoverage(plain, s.color().rgb())).kind());
        ShapeLook look = ShapeLook.of(ShapeLookTest.withCoverage(leant, s.color().rgb()));
        assertTrue(look.fillRatio() < ShapeLook.SQUARE_MIN_FILL, "a parallelogram fills less of any box: " + look);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }
}
