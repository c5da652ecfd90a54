package studio.nada.toyworld;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import studio.nada.export.Images;
import studio.nada.weights.AtomicFiles;

/**
 * How the judge read one sample of a run that showed the change's source: what it showed before
 * and after, whether it reached the target and kept the rest, and the form statistics behind the
 * kind it read ({@link ShapeLook}'s bands). A table of these shows why a run fell short (for the
 * square rows: oblongs, whose quarter-turn match stays under the band while their fill is a
 * square's; for the outline: the share of the silhouette covered and how far the inside is from
 * the background), where the grids show only eight pictures.
 *
 * @param turnMatch  the adapted form's match with itself turned a quarter (a square ≥ {@value ShapeLook#SQUARE_MIN_TURN_MATCH})
 * @param roundMatch its match with its own average over every turn (a circle ≥ {@value ShapeLook#CIRCLE_MIN_ROUND_MATCH})
 * @param elongation √(λ1/λ2) of its coverage's second moments: 1 for a square or a disc, the side
 *                   ratio for an oblong
 */
public record SampleVerdict(int sample, ShapeLook before, ShapeLook after, boolean reached, boolean kept,
        double turnMatch, double roundMatch, double elongation) {
    static final String HEADER = "sample,before_color,before_kind,before_size,before_outline,after_color,after_kind,"
            + "after_size,after_outline,reached,kept,fill,turn_match,round_match,elongation,cover,inside_distance,"
            + "centroid_shift_px";

    /** Judges one sample: {@code picture} is the adapted one, {@code before}/{@code after} their looks. */
    static SampleVerdict of(AttributeChange change, int sample, ShapeLook before, ShapeLook after,
            Images.Argb picture) {
        CoverageFill.Coverage cov = CoverageFill.coverage(new ShapeStats(picture), after.silhouette(), picture.width());
        return new SampleVerdict(sample, before, after, change.showsTarget().test(after), change.keep().kept(before, after),
                CoverageFill.quarterTurnMatch(cov, picture.width()), CoverageFill.roundMatch(cov, picture.width()),
                CoverageFill.elongation(cov, picture.width()));
    }

    /** One CSV row, in {@link #HEADER}'s order. */
    String csvRow() {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%b,%s,%s,%s,%b,%b,%b,%.3f,%.3f,%.3f,%.3f,%.3f,%s,%.2f", sample,
                name(before.color()), name(before.kind()), name(before.size()), before.outline(), name(after.color()),
                name(after.kind()), name(after.size()), after.outline(), reached, kept, after.fillRatio(), turnMatch,
                roundMatch, elongation, after.cover(), Double.isNaN(after.insideDistance()) ? ""
                        : String.format(Locale.ROOT, "%.1f", after.insideDistance()), before.centroidDistance(after));
    }

    /** The verdicts as a CSV file with a header, written atomically. */
    public static void writeCsv(List<SampleVerdict> verdicts, Path file) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        verdicts.forEach(v -> sb.append(v.csvRow()).append('\n'));
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase(Locale.ROOT);
    }
}
