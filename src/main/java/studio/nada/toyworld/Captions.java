package studio.nada.toyworld;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import studio.nada.clip.ImagenetTemplates;

/**
 * Captions of scenes in several phrasings ("a red circle", "a small blue square on the left",
 * "a photo of a yellow triangle", "a bad photo of a red shape."): random choices of which
 * attributes to name and how, with the ImageNet templates among the phrasings so that the text
 * directions StyleGAN-NADA averages over templates mean something to this CLIP.
 */
public final class Captions {
    /** Nouns for a shape whose kind is not named. */
    static final List<String> GENERIC_NOUNS = List.of("shape", "object", "thing");
    static final List<String> PREFIXES = List.of("a ", "a photo of a ", "a picture of a ", "an image of a ",
            "a drawing of a ", "the ", "one ", "a rendering of a ");
    static final List<String> SUFFIXES = List.of("", " on a gray background", " on a plain background");
    static final List<String> COLUMN_PHRASES = List.of("on the left", "in the center", "on the right");
    /** How a caption names an outline ("an outline of a red circle"), and a filled shape. */
    static final String OUTLINE_OF = "outline of a ";
    static final String FILLED = "filled";
    static final List<String> ROW_PHRASES = List.of("at the top", "in the middle", "at the bottom");

    private Captions() {}

    /** The simplest caption naming color and shape: "a red circle". */
    public static String simple(Scene s) {
        return "a " + s.color().word() + " " + s.kind().word();
    }

    /** A random caption of {@code s}. */
    public static Caption random(Scene s, Random r) {
        return random(s, r, true, true, true);
    }

    /** A random caption naming only what may be named: a morph's kind and a part fill's style may not. */
    public static Caption random(Scene s, Random r, boolean colorNamed, boolean kindNamed, boolean styleNamed) {
        boolean nameColor = r.nextDouble() < 0.85 && colorNamed;
        boolean nameKind = (r.nextDouble() < 0.8 || !nameColor) && kindNamed;
        boolean nameSize = r.nextDouble() < 0.25;
        boolean nameColumn = r.nextDouble() < 0.2;
        boolean nameRow = r.nextDouble() < 0.2;
        // an outline is nearly always called one; a filled shape seldom said to be filled
        double styleDraw = r.nextDouble();
        boolean nameStyle = styleNamed && (s.style() == ShapeStyle.OUTLINE ? styleDraw < 0.85 : styleDraw < 0.1);
        StringBuilder np = new StringBuilder();
        if (nameSize) {
            np.append(s.size().word()).append(' ');
        }
        if (nameColor) {
            np.append(s.color().word()).append(' ');
        }
        np.append(nameKind ? s.kind().word() : pick(GENERIC_NOUNS, r));
        if (nameColumn) {
            np.append(' ').append(COLUMN_PHRASES.get(s.column()));
        }
        if (nameRow) {
            np.append(' ').append(ROW_PHRASES.get(s.row()));
        }
        String phrase = !nameStyle ? np.toString()
                : s.style() == ShapeStyle.OUTLINE ? OUTLINE_OF + np : FILLED + " " + np;
        String text = r.nextDouble() < 0.35
                ? pick(ImagenetTemplates.ALL, r).replace("{}", phrase)
                : pick(PREFIXES, r) + phrase + pick(SUFFIXES, r);
        return new Caption(text, nameKind ? s.kind() : null, nameColor ? s.color() : null,
                nameSize ? s.size() : null, nameColumn ? s.column() : null, nameRow ? s.row() : null,
                nameStyle ? s.style() : null);
    }

    /** Every word a caption can contain, templates included (the tokenizer's vocabulary source). */
    static Set<String> phrasingTexts() {
        Set<String> texts = new LinkedHashSet<>();
        for (ShapeKind k : ShapeKind.values()) {
            texts.add(k.word());
        }
        for (ShapeColor c : ShapeColor.values()) {
            texts.add(c.word());
        }
        for (ShapeSize z : ShapeSize.values()) {
            texts.add(z.word());
        }
        texts.addAll(GENERIC_NOUNS);
        texts.addAll(PREFIXES);
        texts.addAll(SUFFIXES);
        texts.addAll(COLUMN_PHRASES);
        texts.addAll(ROW_PHRASES);
        texts.add(OUTLINE_OF);
        texts.add(FILLED);
        texts.addAll(ImagenetTemplates.ALL);
        return texts;
    }

    private static String pick(List<String> options, Random r) {
        return options.get(r.nextInt(options.size()));
    }
}
