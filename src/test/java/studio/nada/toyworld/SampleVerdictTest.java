package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.export.Images;

/** The judge's verdict on one sample, and the statistic that tells an oblong from a square. */
class SampleVerdictTest {
    @Test
    void anOblongReadsAsItsSideRatioAndSquaresAndDiscsAsOne() {
        for (ShapeKind k : List.of(ShapeKind.SQUARE, ShapeKind.CIRCLE)) {
            Images.Argb drawn = ShapeRenderer.argb(new Scene(k, ShapeColor.BLUE, 0.2, 0.5, 0.5));
            assertEquals(1, elongation(drawn), 0.03, k.toString());
        }
        assertEquals(1.5, elongation(rectangle(18, 12)), 0.05, "18 by 12");
        assertEquals(1.2, elongation(rectangle(12, 10)), 0.05, "12 by 10");
    }

    @Test
    void anOblongFromASquareIsNoSquareAndItsRowSaysWhy(@TempDir Path dir) throws Exception {
        AttributeChange change = AttributeChange.kind(ShapeKind.CIRCLE, ShapeKind.SQUARE);
        Images.Argb circle = ShapeRenderer.argb(new Scene(ShapeKind.CIRCLE, ShapeColor.RED, 0.2, 0.5, 0.5));
        Images.Argb square = ShapeRenderer.argb(new Scene(ShapeKind.SQUARE, ShapeColor.RED, 0.2, 0.5, 0.5));
        Images.Argb oblong = rectangle(18, 12);
        SampleVerdict good = SampleVerdict.of(change, 3, ShapeLook.of(circle), ShapeLook.of(square), square);
        SampleVerdict bad = SampleVerdict.of(change, 4, ShapeLook.of(circle), ShapeLook.of(oblong), oblong);
        assertTrue(good.reached() && good.kept(), good.toString());
        assertTrue(!bad.reached() && bad.turnMatch() < ShapeLook.SQUARE_MIN_TURN_MATCH, "an oblong fills its box as a"
                + " square does, but does not match itself turned a quarter: " + bad.turnMatch());

        Path file = dir.resolve("v.csv");
        SampleVerdict.writeCsv(List.of(good, bad), file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(SampleVerdict.HEADER, lines.get(0));
        assertEquals(3, lines.size());
        String[] row = lines.get(2).split(",", -1);
        assertEquals(SampleVerdict.HEADER.split(",").length, row.length);
        assertEquals(List.of("4", "red", "circle"), List.of(row[0], row[1], row[2]));
        assertEquals("false", row[9], "not reached");
        assertEquals(1.5, Double.parseDouble(row[14]), 0.05, "the elongation");
    }

    @Test
    void anOutlinesRowGivesItsCoverAndHowPlainItsInsideIs(@TempDir Path dir) throws Exception {
        Scene filled = new Scene(ShapeKind.SQUARE, ShapeColor.GREEN, 0.25, 0.5, 0.5);
        Images.Argb before = ShapeRenderer.argb(filled);
        Images.Argb ring = ShapeRenderer.argb(filled.withStyle(ShapeStyle.OUTLINE));
        SampleVerdict v = SampleVerdict.of(AttributeChange.outline(), 0, ShapeLook.of(before), ShapeLook.of(ring), ring);
        assertTrue(v.reached() && v.kept(), v.toString());
        assertTrue(v.after().cover() < ShapeLook.OUTLINE_MAX_COVER, "a ring covers part of its silhouette");
        assertEquals(0, v.after().insideDistance(), 1, "its inside is the background");
        assertEquals(1, ShapeLook.of(before).cover(), 1e-9, "a filled shape covers all of it");
        assertTrue(Double.isNaN(ShapeLook.of(before).insideDistance()), "and has no inside");
        Path file = dir.resolve("o.csv");
        SampleVerdict.writeCsv(List.of(SampleVerdict.of(AttributeChange.outline(), 0, ShapeLook.of(before),
                ShapeLook.of(before), before)), file);
        String[] row = Files.readAllLines(file).get(1).split(",", -1);
        assertEquals(List.of("false", "1.000", ""), List.of(row[9], row[15], row[16]), "unchanged: not reached, no inside");
    }

    private static double elongation(Images.Argb picture) {
        ShapeLook look = ShapeLook.of(picture);
        return CoverageFill.elongation(CoverageFill.coverage(new ShapeStats(picture), look.silhouette(), 64), 64);
    }

    /** A red w × h block centred in the picture, on the world's background. */
    private static Images.Argb rectangle(int w, int h) {
        float[] cover = new float[64 * 64];
        for (int y = 32 - h / 2; y < 32 - h / 2 + h; y++) {
            for (int x = 32 - w / 2; x < 32 - w / 2 + w; x++) {
                cover[y * 64 + x] = 1;
            }
        }
        return ShapeLookTest.withCoverage(cover, ShapeColor.RED.rgb());
    }
}
