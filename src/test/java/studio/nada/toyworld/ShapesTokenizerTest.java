package studio.nada.toyworld;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import studio.nada.clip.ImagenetTemplates;

class ShapesTokenizerTest {
    private final ShapesTokenizer tok = new ShapesTokenizer(ShapesVocabulary.build(), 32);

    @Test
    void startAndEndAreTheLargestIds() {
        int[] row = tok.tokenize(List.of("a red circle"), false)[0];
        assertEquals(tok.vocabSize() - 2, tok.startToken());
        assertEquals(tok.vocabSize() - 1, tok.endToken());
        assertEquals(tok.startToken(), row[0]);
        assertEquals(tok.endToken(), row[4]);
        assertEquals(4, argmax(row), "CLIP's argmax finds the end token");
        assertArrayEquals(new int[27], Arrays.copyOfRange(row, 5, 32), "zero padding");
        assertEquals(tok.id("red"), row[2]);
    }

    @Test
    void splitsLikeClipLowercasedWithPunctuation() {
        assertEquals(List.of("a", "close", "-", "up", "photo", "of", "a", "red", "shape", "."),
                ShapesTokenizer.split("  A Close-up   photo of a RED shape."));
        assertEquals(List.of("it", "'s", "2", "0"), ShapesTokenizer.split("it's 20"));
    }

    @Test
    void unknownWordsShareOneId() {
        int[] row = tok.tokenize(List.of("a zorblax circle"), false)[0];
        assertEquals(ShapesTokenizer.UNKNOWN, row[2]);
        assertTrue(tok.id("circle") > ShapesTokenizer.UNKNOWN);
    }

    @Test
    void everyTemplateWordIsKnown() {
        for (String t : ImagenetTemplates.fill("blue shape")) {
            int[] row = tok.tokenize(List.of(t), false)[0];
            for (int id : row) {
                assertTrue(id != ShapesTokenizer.UNKNOWN, t);
            }
        }
    }

    @Test
    void truncationKeepsTheEndToken() {
        String longText = "a red circle " + "and a blue square ".repeat(10);
        assertThrows(IllegalArgumentException.class, () -> tok.tokenize(List.of(longText), false));
        int[] row = tok.tokenize(List.of(longText), true)[0];
        assertEquals(tok.endToken(), row[31]);
        assertEquals(tok.id("a"), row[1]);
        assertEquals(31, argmax(row));
    }

    @Test
    void readsItsVocabularyFile() throws Exception {
        String text = String.join("\n", tok.words()) + "\n\n";
        ShapesTokenizer read = ShapesTokenizer.read(new StringReader(text), 32);
        assertEquals(tok.words(), read.words());
        assertThrows(IllegalArgumentException.class, () -> new ShapesTokenizer(List.of("a", "a"), 8));
    }

    @Test
    void shippedVocabularyIsTheBuiltOne() {
        assertEquals(ShapesVocabulary.build(), ShapesWorld.tokenizer().words());
        assertEquals(ShapesTokenizer.DEFAULT_CONTEXT, ShapesWorld.tokenizer().contextLength());
    }

    private static int argmax(int[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
