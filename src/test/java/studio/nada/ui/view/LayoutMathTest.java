package studio.nada.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The preview's tile sizes, the chart's iteration ticks and the layer map's columns: arithmetic, no window needed. */
class LayoutMathTest {
    @Test
    void tilesFillTheSpaceAndFallBackToScrolling() {
        TileLayout.Tiles small = TileLayout.fit(6, 590, 240);
        assertEquals(TileLayout.MIN, small.image(), "6 seeds do not fit 590×240: smallest tiles, scrolled");
        assertEquals(2, small.columns());
        TileLayout.Tiles large = TileLayout.fit(6, 1180, 560);
        assertTrue(large.image() > 112, "a maximised window grows the tiles: " + large);
        double rowWidth = large.columns() * (2 * large.image() + TileLayout.CELL_EXTRA_W)
                + (large.columns() - 1) * TileLayout.GAP + 2 * TileLayout.PAD;
        assertTrue(rowWidth <= 1180, "a row fits the width: " + rowWidth);
        assertEquals(TileLayout.MAX, TileLayout.fit(1, 4000, 4000).image(), "never larger than MAX");
    }

    @Test
    void iterationTicksAreWholeAndAtMostTen() {
        assertEquals(2, LossChartView.Ranges.iterationTick(20));
        assertEquals(10, LossChartView.Ranges.iterationTick(70));
        assertEquals(50, LossChartView.Ranges.iterationTick(301));
        assertEquals(1, LossChartView.Ranges.iterationTick(3));
        for (int total = 1; total < 5000; total += 7) {
            int unit = LossChartView.Ranges.iterationTick(total);
            assertTrue(total / unit <= 10, total + " by " + unit);
        }
    }

    @Test
    void layerMapColumnsStayLeftOfTheStrip() {
        assertEquals(12, LayerMapView.columnWidth(1280, 10), "few iterations: 12 px columns");
        // 800 px window: the map's canvas is about 380 px; 140 columns share the 40 px left
        double narrow = LayerMapView.columnWidth(380, 140);
        assertTrue(narrow > 0 && narrow < 1, "narrower than a pixel: " + narrow);
        for (double width : new double[] {300, 380, 600, 880, 1400}) {
            for (int n : new int[] {1, 50, 140, 301, 2000}) {
                // labels 236 px, strip 96 px, margin 8 px
                assertTrue(n * LayerMapView.columnWidth(width, n) <= Math.max(0, width - 236 - 96 - 8) + 1e-9, width + " px, " + n);
            }
        }
        assertEquals(0, LayerMapView.columnWidth(300, 140), "no room beside the labels and the strip: no columns");
    }
}
