package studio.nada.toyworld;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import studio.nada.weights.AtomicFiles;

/**
 * Builds the tokenizer's word list: every piece of every caption phrasing and ImageNet template,
 * plus words an artist is likely to type about this world (other colors and shapes, styles), so
 * that they get their own id even though CLIP never saw them trained.
 */
public final class ShapesVocabulary {
    /** Name of the shipped vocabulary, next to the models. */
    public static final String FILE = "shapes_vocab.txt";

    static final List<String> EXTRA = List.of(
            "purple", "orange", "pink", "black", "white", "gray", "grey", "brown", "cyan", "magenta", "violet",
            "dark", "light", "pale", "bright", "colorful", "colored", "color", "colour",
            "big", "tiny", "huge", "little", "round", "star", "rectangle", "oval", "hexagon", "pentagon", "heart",
            "cross", "diamond", "ring", "line", "dot", "disk", "box", "block", "shapes", "objects",
            "photo", "sketch", "painting", "drawing", "cartoon", "picture", "image", "art", "style", "pencil",
            "watercolor", "pixel", "pop", "neon", "glowing", "metallic", "wooden", "glass", "paper",
            "with", "and", "in", "on", "at", "of", "the", "a", "an", "is", "this", "that", "to", "by", "it",
            "left", "right", "center", "centre", "middle", "top", "bottom", "corner", "background", "plain",
            "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", ".", ",", "-", "!", "?", "'s");

    private ShapesVocabulary() {}

    /** The words, sorted, each once. */
    public static List<String> build() {
        TreeSet<String> words = new TreeSet<>(EXTRA);
        for (String text : Captions.phrasingTexts()) {
            for (String piece : ShapesTokenizer.split(text.replace("{}", " "))) {
                words.add(piece);
            }
        }
        return List.copyOf(words);
    }

    public static void write(Path file, List<String> words) throws IOException {
        byte[] text = (String.join("\n", words) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(text));
    }
}
