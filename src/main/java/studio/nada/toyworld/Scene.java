package studio.nada.toyworld;

/**
 * One picture of the world: a shape of a color, its radius and its center, all as fractions of
 * the image side (y grows downward), and how it is rendered.
 */
public record Scene(ShapeKind kind, ShapeColor color, double radius, double cx, double cy, ShapeStyle style) {
    /** Centers of the named columns and rows (left/center/right, top/middle/bottom). */
    static final double[] CELL_CENTERS = {0.27, 0.5, 0.73};
    static final String[] COLUMNS = {"left", "center", "right"};
    static final String[] ROWS = {"top", "middle", "bottom"};

    public Scene {
        if (radius <= 0 || radius > 0.5) {
            throw new IllegalArgumentException("radius must be in (0, 0.5], got " + radius);
        }
    }

    /** A filled shape, as the generator draws them. */
    public Scene(ShapeKind kind, ShapeColor color, double radius, double cx, double cy) {
        this(kind, color, radius, cx, cy, ShapeStyle.FILLED);
    }

    /** A scene at a named size and cell (column 0..2 left to right, row 0..2 top to bottom). */
    public static Scene of(ShapeKind kind, ShapeColor color, ShapeSize size, int column, int row) {
        return new Scene(kind, color, size.radius(), CELL_CENTERS[column], CELL_CENTERS[row]);
    }

    public ShapeSize size() {
        return ShapeSize.nearest(radius);
    }

    /** 0 left, 1 center, 2 right. */
    public int column() {
        return cell(cx);
    }

    /** 0 top, 1 middle, 2 bottom. */
    public int row() {
        return cell(cy);
    }

    public String columnWord() {
        return COLUMNS[column()];
    }

    public String rowWord() {
        return ROWS[row()];
    }

    public Scene withColor(ShapeColor c) {
        return new Scene(kind, c, radius, cx, cy, style);
    }

    public Scene withKind(ShapeKind k) {
        return new Scene(k, color, radius, cx, cy, style);
    }

    public Scene withStyle(ShapeStyle s) {
        return new Scene(kind, color, radius, cx, cy, s);
    }

    private static int cell(double v) {
        return v < (CELL_CENTERS[0] + CELL_CENTERS[1]) / 2 ? 0 : v < (CELL_CENTERS[1] + CELL_CENTERS[2]) / 2 ? 1 : 2;
    }
}
