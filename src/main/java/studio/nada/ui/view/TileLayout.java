package studio.nada.ui.view;

/**
 * How big the preview tiles are: the largest image side at which all seeds fit the visible area
 * (between {@link #MIN} and {@link #MAX} px); when even the smallest tiles do not fit, the grid
 * keeps them at {@link #MIN} and scrolls. A tile is two images side by side over a seed label.
 */
final class TileLayout {
    static final double MIN = 96;
    static final double MAX = 320;
    static final double GAP = 12;
    /** Grid padding on each side. */
    static final double PAD = 12;
    /** Cell padding (6 each side) and the gap between the two images. */
    static final double CELL_EXTRA_W = 16;
    /** Cell padding, gap and the seed label under the images. */
    static final double CELL_EXTRA_H = 34;

    /** The tiles' columns and image side. */
    record Tiles(int columns, double image) {}

    private TileLayout() {}

    static Tiles fit(int seeds, double width, double height) {
        int n = Math.max(1, seeds);
        double best = -1;
        int bestCols = 1;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double byWidth = ((width - 2 * PAD - GAP * (cols - 1)) / cols - CELL_EXTRA_W) / 2;
            double byHeight = (height - 2 * PAD - GAP * (rows - 1)) / rows - CELL_EXTRA_H;
            double side = Math.min(byWidth, byHeight);
            if (side > best) {
                best = side;
                bestCols = cols;
            }
        }
        if (best >= MIN) {
            return new Tiles(bestCols, Math.floor(Math.min(MAX, best)));
        }
        // too many for the area: the smallest tiles, as many to a row as fit, and a scroll bar
        int cols = (int) Math.max(1, Math.floor((width - 2 * PAD + GAP) / (2 * MIN + CELL_EXTRA_W + GAP)));
        return new Tiles(Math.min(cols, n), MIN);
    }
}
