package studio.nada.ui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The preview's tile sizes and the chart's iteration ticks: arithmetic, no window needed. */
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
}
