package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** The render of {@code s} with its shape painted in {@code rgb} (0..255), antialiased alike. */
    static Images.Argb painted(Scene s, int[] rgb) {
        float[] cover = ShapeRenderer.render(s).coverage();
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
