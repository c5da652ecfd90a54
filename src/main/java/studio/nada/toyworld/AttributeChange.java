package studio.nada.toyworld;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One adaptation the Shapes world must learn from words alone ("red shape" → "blue shape"), with
 * how to tell from pixels ({@link ShapeLook}) which samples show the source, whether they reached
 * the target, and whether they kept everything else: mask IoU ≥ {@value #MIN_IOU} for a color
 * change; centroid within {@value #MAX_CENTROID_SHIFT} px and the color kept for a change of kind,
 * size or rendering style.
 *
 * @param redraw a sample's W (the mapping's output) as the generator's own code for the same scene
 *               with the target attribute (one one-hot swapped for another); null where the
 *               generator cannot draw the target (the outline)
 */
public record AttributeChange(String name, String source, String target, Predicate<ShapeLook> showsSource,
        Predicate<ShapeLook> showsTarget, Keep keep, UnaryOperator<float[]> redraw) {
    static final double MIN_IOU = 0.6;
    static final double MAX_CENTROID_SHIFT = 6;

    /** What must stay as it was, beside the changed attribute. */
    public enum Keep {
        PLACE_AND_SIZE, PLACE_AND_COLOR, PLACE_COLOR_AND_KIND;

        boolean kept(ShapeLook before, ShapeLook after) {
            return switch (this) {
                case PLACE_AND_SIZE -> ShapeStats.iou(before.silhouette(), after.silhouette()) >= MIN_IOU;
                case PLACE_AND_COLOR -> placeAndColor(before, after);
                case PLACE_COLOR_AND_KIND -> placeAndColor(before, after) && before.kind() == after.kind();
            };
        }

        private static boolean placeAndColor(ShapeLook before, ShapeLook after) {
            return after.color() == before.color() && before.centroidDistance(after) <= MAX_CENTROID_SHIFT;
        }
    }

    /** "red>blue" (colors), "circle>square" (kinds), "small>large", "outline". */
    public static AttributeChange parse(String name) {
        return all().stream().filter(c -> c.name.equalsIgnoreCase(name.trim())).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no change named '" + name + "'; known: "
                        + String.join(", ", all().stream().map(AttributeChange::name).toList())));
    }

    public static AttributeChange color(ShapeColor from, ShapeColor to) {
        return new AttributeChange(from.word() + ">" + to.word(), from.word() + " shape", to.word() + " shape",
                l -> l.color() == from && !l.outline(), l -> l.color() == to && !l.outline(), Keep.PLACE_AND_SIZE,
                w -> SceneCode.swapped(w, SceneCode.index(from), SceneCode.index(to)));
    }

    public static AttributeChange kind(ShapeKind from, ShapeKind to) {
        return new AttributeChange(from.word() + ">" + to.word(), from.word(), to.word(),
                l -> l.kind() == from && !l.outline(), l -> l.kind() == to && !l.outline(), Keep.PLACE_AND_COLOR,
                w -> SceneCode.swapped(w, SceneCode.index(from), SceneCode.index(to)));
    }

    public static AttributeChange smallToLarge() {
        return new AttributeChange("small>large", "small shape", "large shape",
                l -> l.size() == ShapeSize.SMALL && !l.outline(), l -> l.size() == ShapeSize.LARGE && !l.outline(),
                Keep.PLACE_AND_COLOR, w -> SceneCode.withRadius(w, ShapeSize.LARGE.radius()));
    }

    /** The paper's out-of-domain case in miniature: filled shapes become line drawings of themselves. */
    public static AttributeChange outline() {
        return new AttributeChange("outline", "shape", "outline of a shape", l -> l.kind() != null && !l.outline(),
                ShapeLook::outline, Keep.PLACE_COLOR_AND_KIND, null);
    }

    /** Every ordered pair of colors and of kinds, small → large, and the outline style. */
    public static List<AttributeChange> all() {
        List<AttributeChange> out = new ArrayList<>();
        for (ShapeColor a : ShapeColor.values()) {
            for (ShapeColor b : ShapeColor.values()) {
                if (a != b) {
                    out.add(color(a, b));
                }
            }
        }
        for (ShapeKind a : ShapeKind.values()) {
            for (ShapeKind b : ShapeKind.values()) {
                if (a != b) {
                    out.add(kind(a, b));
                }
            }
        }
        out.add(smallToLarge());
        out.add(outline());
        return out;
    }

    /**
     * How the samples that showed the source fared: how many no longer show it, how many show the
     * target, how many kept everything else, and the diversity kept; and of the {@code others} (the
     * samples with a shape that did not show the source), how many stayed as they were.
     */
    public record Outcome(int judged, int left, int reached, int kept, double diversityRatio, int others,
            int othersKept) {
        public double reachedShare() {
            return judged == 0 ? 0 : reached / (double) judged;
        }

        /** Share that no longer shows the source attribute (reached the target or went elsewhere). */
        public double leftShare() {
            return judged == 0 ? 0 : left / (double) judged;
        }

        public double keptShare() {
            return judged == 0 ? 0 : kept / (double) judged;
        }

        /** Share of the other samples left as they were (1 when there are none). */
        public double othersKeptShare() {
            return others == 0 ? 1 : othersKept / (double) others;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d left the source, %d reached, %d kept, diversity %.2f;"
                    + " %d/%d others unchanged", left, judged, reached, kept, diversityRatio, othersKept, others);
        }
    }

    /** Judges frozen → adapted pictures of the same seeds (index by index). */
    public Outcome judge(List<ShapeLook> frozen, List<ShapeLook> adapted) {
        List<ShapeLook> before = new ArrayList<>();
        List<ShapeLook> after = new ArrayList<>();
        int left = 0;
        int reached = 0;
        int kept = 0;
        int others = 0;
        int othersKept = 0;
        for (int i = 0; i < frozen.size(); i++) {
            ShapeLook a = frozen.get(i);
            if (isOther(a)) {
                others++;
                othersKept += unchanged(a, adapted.get(i)) ? 1 : 0;
            }
            if (!showsSource.test(a)) {
                continue;
            }
            ShapeLook b = adapted.get(i);
            before.add(a);
            after.add(b);
            left += showsSource.test(b) ? 0 : 1;
            reached += showsTarget.test(b) ? 1 : 0;
            kept += keep.kept(a, b) ? 1 : 0;
        }
        double d0 = diversity(before);
        return new Outcome(before.size(), left, reached, kept, d0 == 0 ? 0 : diversity(after) / d0, others,
                othersKept);
    }

    /** A sample with a shape that did not show the source: one the change should leave as it was. */
    public boolean isOther(ShapeLook look) {
        return look.color() != null && !showsSource.test(look);
    }

    /** Same color, kind and style, the same silhouette (IoU ≥ {@value #MIN_IOU}) in the same place. */
    static boolean unchanged(ShapeLook before, ShapeLook after) {
        return after.color() == before.color() && after.kind() == before.kind() && after.outline() == before.outline()
                && before.centroidDistance(after) <= MAX_CENTROID_SHIFT
                && ShapeStats.iou(before.silhouette(), after.silhouette()) >= MIN_IOU;
    }

    /** Mean pairwise silhouette distance (1 − IoU): how different the pictures are from one another. */
    static double diversity(List<ShapeLook> looks) {
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < looks.size(); i++) {
            for (int j = i + 1; j < looks.size(); j++) {
                sum += 1 - ShapeStats.iou(looks.get(i).silhouette(), looks.get(j).silhouette());
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
