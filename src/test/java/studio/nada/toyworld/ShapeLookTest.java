package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import studio.nada.export.Images;

/** The pixel judge reads every render back as what was drawn, and names no color outside its bands. */
class ShapeLookTest {
    @Test
    void everyDrawnKindColorAndSizeReadsBack() {
        for (ShapeKind k : ShapeKind.values()) {
            for (ShapeColor c : ShapeColor.values()) {
                for (ShapeSize z : ShapeSize.values()) {
                    for (int cell = 0; cell < 3; cell++) {
                        Scene s = Scene.of(k, c, z, cell, 2 - cell);
                        ShapeLook l = ShapeLook.of(ShapeRenderer.argb(s));
                        String what = s.toString() + " read as " + l;
                        assertEquals(k, l.kind(), what);
                        assertEquals(c, l.color(), what);
                        assertEquals(z, l.size(), what);
                        assertFalse(l.outline(), what);
                        // the silhouette's centroid, in pixels, is the shape's own
                        ShapeStats st = new ShapeStats(ShapeRenderer.argb(s));
                        assertEquals(st.centroidX() * 64, l.cx(), 0.5, what);
                    }
                }
            }
        }
    }

    @Test
    void outlinesReadBackAsOutlinesOfTheSameShape() {
        for (ShapeKind k : ShapeKind.values()) {
            for (ShapeColor c : ShapeColor.values()) {
                for (ShapeSize z : new ShapeSize[] {ShapeSize.MEDIUM, ShapeSize.LARGE}) {
                    Scene s = Scene.of(k, c, z, 1, 1).withStyle(ShapeStyle.OUTLINE);
                    ShapeLook l = ShapeLook.of(ShapeRenderer.argb(s));
                    ShapeLook filled = ShapeLook.of(ShapeRenderer.argb(s.withStyle(ShapeStyle.FILLED)));
                    String what = s + " read as " + l;
                    assertTrue(l.outline(), what);
                    assertEquals(k, l.kind(), what);
                    assertEquals(c, l.color(), what);
                    assertTrue(ShapeStats.iou(l.silhouette(), filled.silhouette()) > 0.85, what);
                }
            }
        }
    }

    /** Orange, teal, violet and pink are none of the named colors: hue bands, not the nearest name. */
    @Test
    void colorsBetweenTheNamedOnesAreNoneOfThem() {
        int[][] between = {{240, 130, 30}, {30, 165, 165}, {140, 50, 200}, {230, 80, 170}};
        for (int[] rgb : between) {
            ShapeLook l = ShapeLook.of(painted(Scene.of(ShapeKind.CIRCLE, ShapeColor.RED, ShapeSize.LARGE, 1, 1), rgb));
            assertNull(l.color(), java.util.Arrays.toString(rgb) + " read as " + l.color());
        }
        assertNull(ShapeColor.ofHue(ShapeLook.hue(new double[] {120, 80, 220})), "violet");
        assertEquals(ShapeColor.BLUE, ShapeColor.ofHue(ShapeLook.hue(new double[] {60, 80, 220})));
    }

    /**
     * A blur cuts a square's corners at half coverage, so its mask fills less of its box (as the
     * generator's soft squares do); the coverage keeps the corners' mass. Under a moderate blur
     * (three 3×3 box passes) every kind keeps its kind at every size. A heavy one (six) lifts a
     * small triangle's coverage fill to a circle's (0.75): its tip fades, and the box with it.
     */
    @Test
    void blurredShapesKeepTheirKind() {
        for (ShapeSize z : ShapeSize.values()) {
            for (ShapeKind k : ShapeKind.values()) {
                Scene s = Scene.of(k, ShapeColor.BLUE, z, 1, 1);
                Images.Argb blurred = blurred(s, 3);
                ShapeLook l = ShapeLook.of(blurred);
                assertEquals(k, l.kind(), s + " blurred read as " + l);
                if (k == ShapeKind.SQUARE) {
                    double maskFill = ShapeStats.fillRatio(new ShapeStats(blurred).mask(), 64);
                    assertTrue(l.fillRatio() > maskFill, "the coverage keeps the corners: " + l.fillRatio() + " vs " + maskFill);
                }
            }
        }
    }

    /** A turned square is a square (its upright box it fills only as a triangle fills its own), a turned triangle a triangle. */
    @Test
    void turnedSquaresAndTrianglesKeepTheirKind() {
        for (ShapeSize z : ShapeSize.values()) {
            for (int degrees = 0; degrees <= 45; degrees += 5) {
                Scene s = Scene.of(ShapeKind.SQUARE, ShapeColor.RED, z, 1, 1);
                ShapeLook triangle = ShapeLook.of(turned(ShapeKind.TRIANGLE, s, Math.toRadians(degrees)));
                assertEquals(ShapeKind.TRIANGLE, triangle.kind(), z + " triangle turned " + degrees + "°: " + triangle);
                if (z != ShapeSize.SMALL) {
                    ShapeLook square = ShapeLook.of(turned(ShapeKind.SQUARE, s, Math.toRadians(degrees)));
                    assertEquals(ShapeKind.SQUARE, square.kind(), z + " square turned " + degrees + "°: " + square);
                }
            }
        }
    }

    /**
     * The fill alone read a cup (a disc with its top cut flat, as a run that pulled circles toward
     * squares drew them) as a circle and a block half again as wide as tall as a square; a circle
     * must also be round and a square match itself turned a quarter. The same forms' fills sit in
     * the circle and square bands, so it is the new reading that turns them away.
     */
    @Test
    void cupsAreNotCirclesAndBlocksAreNotSquares() {
        for (double r : new double[] {7, 10, 14}) {
            Images.Argb cup = drawn((x, y) -> Math.hypot(x, y) <= r && y >= -0.55 * r);
            ShapeLook cupLook = ShapeLook.of(cup);
            assertEquals(ShapeKind.CIRCLE, ShapeLook.kindOf(cupLook.fillRatio()), "a cup's fill is a circle's: " + cupLook);
            assertNull(cupLook.kind(), "radius " + r + ": a cup read as " + cupLook);
            Images.Argb block = drawn((x, y) -> Math.abs(x) <= 1.5 * r && Math.abs(y) <= r);
            ShapeLook blockLook = ShapeLook.of(block);
            assertEquals(ShapeKind.SQUARE, ShapeLook.kindOf(blockLook.fillRatio()), "a block's fill is a square's: " + blockLook);
            assertNull(blockLook.kind(), "radius " + r + ": a block read as " + blockLook);
            Images.Argb disc = drawn((x, y) -> Math.hypot(x, y) <= r);
            assertEquals(ShapeKind.CIRCLE, ShapeLook.of(disc).kind(), "radius " + r + ": a disc");
        }
    }

    /** The picture of the form {@code inside} (offsets from the picture's centre, in pixels) in green. */
    private static Images.Argb drawn(BiPredicate<Double, Double> inside) {
        return drawn(32, 32, inside, ShapeColor.GREEN.rgb());
    }

    /** The picture of the form {@code inside} (offsets from (cx, cy), in pixels), 4×4 supersampled, in {@code rgb}. */
    private static Images.Argb drawn(double cx, double cy, BiPredicate<Double, Double> inside, int[] rgb) {
        return withCoverage(coverage(cx, cy, inside), rgb);
    }

    /** The coverage of the form {@code inside} (offsets from (cx, cy), in pixels), 4×4 supersampled. */
    private static float[] coverage(double cx, double cy, BiPredicate<Double, Double> inside) {
        float[] cover = new float[64 * 64];
        for (int i = 0; i < cover.length; i++) {
            int in = 0;
            for (int sub = 0; sub < 16; sub++) {
                in += inside.test(i % 64 + (sub % 4 + 0.5) / 4 - cx, i / 64 + (sub / 4 + 0.5) / 4 - cy) ? 1 : 0;
            }
            cover[i] = in / 16f;
        }
        return cover;
    }

    /** A shape of {@code kind} with {@code s}'s size, color and place, turned by {@code theta}, 4×4 supersampled. */
    private static Images.Argb turned(ShapeKind kind, Scene s, double theta) {
        double r = s.radius() * 64;
        double cos = Math.cos(theta);
        double sin = Math.sin(theta);
        return drawn(s.cx() * 64, s.cy() * 64,
                (dx, dy) -> kind.contains((dx * cos + dy * sin) / r, (-dx * sin + dy * cos) / r), s.color().rgb());
    }

    /**
     * A ring drawn with a soft edge, as the generator draws one (one 3×3 box blur: a pixel of about
     * half the color either side), reads as an outline with a clean inside however small the
     * inside (the soft pixels round the inside alone are 46–70 levels from the background). The same
     * ring with its inside tinted a quarter of the way to the color is no outline.
     */
    /**
     * An outline fills its box as its filled twin does, sharp or soft: the ring's own pixels count
     * as the form's (CoverageFill). Counted at their color's strength, a crisp square outline filled
     * 0.93–0.97 of its box against its twin's 1, and a generator's ring square fell into the circle
     * band (stop 48).
     */
    @Test
    void outlinesFillTheirBoxAsTheirFilledTwins() {
        for (ShapeKind k : ShapeKind.values()) {
            for (ShapeSize z : ShapeSize.values()) {
                for (int cell = 0; cell < 3; cell++) {
                    for (int passes = 0; passes <= 2; passes++) {
                        Scene s = Scene.of(k, ShapeColor.RED, z, cell, 1);
                        ShapeLook ring = ShapeLook.of(withCoverage(
                                boxBlur(ShapeRenderer.render(s.withStyle(ShapeStyle.OUTLINE)).coverage(), passes), ShapeColor.RED.rgb()));
                        ShapeLook twin = ShapeLook.of(withCoverage(
                                boxBlur(ShapeRenderer.render(s).coverage(), passes), ShapeColor.RED.rgb()));
                        String what = s + " blurred " + passes + ": " + ring + " against " + twin;
                        assertTrue(ring.outline(), what);
                        assertEquals(twin.kind(), ring.kind(), what);
                        assertEquals(twin.fillRatio(), ring.fillRatio(), 0.03, what);
                    }
                }
            }
        }
    }

    @Test
    void aRingsSoftInnerEdgeIsNotTint() {
        for (double r : new double[] {7, 8, 10, 14}) {
            double inner = r - 3;
            float[] ring = boxBlur(coverage(32, 32, (x, y) -> Math.hypot(x, y) <= r && Math.hypot(x, y) > inner), 1);
            ShapeLook clean = ShapeLook.of(withCoverage(ring, ShapeColor.RED.rgb()));
            assertTrue(clean.outline(), "radius " + r + ": " + clean);
            assertEquals(ShapeColor.RED, clean.color());
            float[] core = coverage(32, 32, (x, y) -> Math.hypot(x, y) <= inner - 1);
            for (int i = 0; i < ring.length; i++) {
                ring[i] = Math.max(ring[i], 0.25f * core[i]);
            }
            ShapeLook tinted = ShapeLook.of(withCoverage(ring, ShapeColor.RED.rgb()));
            assertFalse(tinted.outline(), "radius " + r + ", tinted inside: " + tinted);
        }
    }

    /** The render of {@code s}, its coverage box-blurred {@code passes} times (3×3), in blue. */
    private static Images.Argb blurred(Scene s, int passes) {
        return withCoverage(boxBlur(ShapeRenderer.render(s).coverage(), passes), ShapeColor.BLUE.rgb());
    }

    private static float[] boxBlur(float[] cover, int passes) {
        for (int p = 0; p < passes; p++) {
            float[] next = new float[cover.length];
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    float sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int xx = Math.min(63, Math.max(0, x + dx));
                            int yy = Math.min(63, Math.max(0, y + dy));
                            sum += cover[yy * 64 + xx];
                        }
                    }
                    next[y * 64 + x] = sum / 9;
                }
            }
            cover = next;
        }
        return cover;
    }

    /** The render of {@code s} with its shape painted in {@code rgb} (0..255), antialiased alike. */
    static Images.Argb painted(Scene s, int[] rgb) {
        return withCoverage(ShapeRenderer.render(s).coverage(), rgb);
    }

    /** A picture of {@code cover} (0..1 per pixel) painted in {@code rgb} on the background. */
    static Images.Argb withCoverage(float[] cover, int[] rgb) {
        int[] bg = ShapeColor.BACKGROUND;
        int[] px = new int[cover.length];
        for (int i = 0; i < px.length; i++) {
            int argb = 0xff000000;
            for (int c = 0; c < 3; c++) {
                argb |= Math.round(cover[i] * rgb[c] + (1 - cover[i]) * bg[c]) << (16 - 8 * c);
            }
            px[i] = argb;
        }
        return new Images.Argb(64, 64, px);
    }

    @Test
    void aFadedShapeHasNoColor() {
        int[] px = ShapeRenderer.argb(Scene.of(ShapeKind.SQUARE, ShapeColor.BLUE, ShapeSize.LARGE, 1, 1)).pixels();
        int[] bg = ShapeColor.BACKGROUND;
        for (int i = 0; i < px.length; i++) {
            int[] c = ShapeStats.rgb(px[i]);
            // a quarter of the way from the background to the shape's color: a blue haze
            int r = bg[0] + (c[0] - bg[0]) / 4;
            int g = bg[1] + (c[1] - bg[1]) / 4;
            int b = bg[2] + (c[2] - bg[2]) / 4;
            px[i] = 0xff000000 | (r << 16) | (g << 8) | b;
        }
        assertNull(ShapeLook.of(new Images.Argb(64, 64, px)).color());
    }
}
