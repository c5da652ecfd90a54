package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where the layout holds each attribute: a caption's one-word change moves only that attribute's coordinates. */
class EmbeddingLayoutTest {
    @Test
    void changingOneWordMovesOnlyItsAttribute() {
        double[] red = EmbeddingLayout.text(new Caption("a red circle", ShapeKind.CIRCLE, ShapeColor.RED, null, null, null));
        double[] blue = EmbeddingLayout.text(new Caption("a blue circle", ShapeKind.CIRCLE, ShapeColor.BLUE, null, null, null));
        double moved = 0;
        for (int k = 0; k < EmbeddingLayout.DIMS; k++) {
            boolean color = k >= EmbeddingLayout.COLOR && k < EmbeddingLayout.COLOR + 3;
            if (color) {
                moved += Math.abs(red[k] - blue[k]);
            } else {
                assertEquals(red[k], blue[k], "coordinate " + k);
            }
        }
        assertTrue(moved > 0.5, "the color coordinates move: " + moved);
        double[] filled = EmbeddingLayout.text(new Caption("a shape", null, null, null, null, null));
        double[] outline = EmbeddingLayout.text(new Caption("an outline of a shape", null, null, null, null, null,
                ShapeStyle.OUTLINE));
        for (int k = 0; k < EmbeddingLayout.DIMS; k++) {
            assertEquals(k != EmbeddingLayout.STYLE, filled[k] == outline[k], "coordinate " + k);
        }
    }

    @Test
    void anImageAndItsCaptionShareTheNamedCoordinates() {
        Scene s = Scene.of(ShapeKind.TRIANGLE, ShapeColor.GREEN, ShapeSize.LARGE, 0, 2);
        ClipAugment.Nuisance clean = ClipAugment.Nuisance.NONE;
        double[] img = EmbeddingLayout.image(s, Form.plain(s), ShapeColor.GREEN.hue(), clean);
        double[] txt = EmbeddingLayout.text(new Caption("a large green triangle on the left at the bottom",
                ShapeKind.TRIANGLE, ShapeColor.GREEN, ShapeSize.LARGE, 0, 2));
        for (int k = 0; k < EmbeddingLayout.TINT; k++) {
            if (k != EmbeddingLayout.STYLE) { // the caption does not say filled
                assertEquals(txt[k], img[k], 1e-9, "coordinate " + k);
            }
        }
        for (int k = EmbeddingLayout.TINT; k < EmbeddingLayout.DIMS; k++) {
            assertEquals(0, img[k], 1e-9, "a clean drawing has no nuisance, coordinate " + k);
        }
    }

    @Test
    void kindsSitOnACircleAndMorphsOnItsShortArcs() {
        for (ShapeKind a : ShapeKind.values()) {
            for (ShapeKind b : ShapeKind.values()) {
                double[] pa = EmbeddingLayout.kind(a);
                double[] pb = EmbeddingLayout.kind(b);
                double cos = pa[0] * pb[0] + pa[1] * pb[1];
                assertEquals(a == b ? 1 : -0.5, cos, 1e-9);
                double[] mid = EmbeddingLayout.kind(a, b, 0.5);
                double[] end = EmbeddingLayout.kind(a, b, 1);
                assertEquals(pb[0], end[0], 1e-9);
                assertEquals(pb[1], end[1], 1e-9);
                assertEquals(1, Math.hypot(mid[0], mid[1]), 1e-9);
                if (a != b) {
                    assertTrue(mid[0] * pa[0] + mid[1] * pa[1] > 0.49, "the short way round: 60° from each");
                }
            }
        }
    }

    @Test
    void fadingAndOutliningMoveTheirOwnAxes() {
        Scene s = Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.MEDIUM, 1, 1);
        ClipAugment.Nuisance clean = ClipAugment.Nuisance.NONE;
        ClipAugment.Nuisance faded = new ClipAugment.Nuisance(ClipAugment.MIN_OPACITY, new double[3], false, 0, 0,
                ClipAugment.Glow.NONE);
        double[] a = EmbeddingLayout.image(s, Form.plain(s), 0, clean);
        double[] f = EmbeddingLayout.image(s, Form.plain(s), 0, faded);
        double[] o = EmbeddingLayout.image(s, Form.plain(s).withFill(0), 0, clean);
        assertEquals(EmbeddingLayout.R_OPACITY, f[EmbeddingLayout.OPACITY] - a[EmbeddingLayout.OPACITY], 1e-9);
        assertEquals(2 * EmbeddingLayout.R_STYLE, o[EmbeddingLayout.STYLE] - a[EmbeddingLayout.STYLE], 1e-9);
    }

    @Test
    void aMorphBowsOffTheKindsPlaneSoTheLastStretchStillTurnsTowardTheTarget() {
        Scene s = Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.MEDIUM, 1, 1);
        ClipAugment.Nuisance clean = ClipAugment.Nuisance.NONE;
        double[] start = EmbeddingLayout.image(s, Form.plain(s), 0, clean);
        double[] dt = new double[EmbeddingLayout.DIMS];
        Scene square = s.withKind(ShapeKind.SQUARE);
        double[] end = EmbeddingLayout.image(square, Form.plain(square), 0, clean);
        for (int k = 0; k < dt.length; k++) {
            dt[k] = end[k] - start[k];
        }
        assertEquals(0, end[EmbeddingLayout.MORPH], 1e-9, "a pure kind has no morph");
        double last = -1;
        for (double t = 0.1; t < 0.95; t += 0.1) {
            double[] at = EmbeddingLayout.image(s, new Form(ShapeKind.SQUARE, t, 1, 0, new double[4][4]), 0, clean);
            double cos = cos(minus(at, start), dt);
            assertTrue(cos > last, "ΔI turns toward ΔT all the way: t " + t + " cos " + cos);
            last = cos;
        }
        // on the plain 120° arc t 0.8 was already within 12° (cos 0.978): a rounded square satisfied the loss
        double[] late = EmbeddingLayout.image(s, new Form(ShapeKind.SQUARE, 0.8, 1, 0, new double[4][4]), 0, clean);
        assertTrue(cos(minus(late, start), dt) < 0.93, "still well off at t 0.8");
    }

    private static double[] minus(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k] - b[k];
        }
        return out;
    }

    private static double cos(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
