package studio.nada.toyworld;

/**
 * A caption and what it claims: each attribute it names (null where it names none). CLIP's
 * training counts a caption as a positive for every image in the batch it is true of, not only
 * its own, because "a red circle" describes many images of a batch.
 */
public record Caption(String text, ShapeKind kind, ShapeColor color, ShapeSize size, Integer column, Integer row,
        ShapeStyle style) {
    /** A caption that does not speak of the rendering style. */
    public Caption(String text, ShapeKind kind, ShapeColor color, ShapeSize size, Integer column, Integer row) {
        this(text, kind, color, size, column, row, null);
    }

    public boolean matches(Scene s) {
        return (kind == null || kind == s.kind())
                && (color == null || color == s.color())
                && (size == null || size == s.size())
                && (column == null || column == s.column())
                && (row == null || row == s.row())
                && (style == null || style == s.style());
    }
}
