package studio.nada.toyworld;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import studio.nada.clip.TextTokenizer;

/**
 * The Shapes CLIP's tokenizer: whole words from a small vocabulary, split and lowercased as
 * CLIP's pre-tokenizer does (letters runs, single digits, punctuation runs, English
 * contractions). Ids: 0 padding, 1 unknown word, then the vocabulary in file order, then the start
 * and end tokens, which are the two largest ids because CLIP takes text features at argmax(ids).
 */
public final class ShapesTokenizer implements TextTokenizer {
    public static final int DEFAULT_CONTEXT = 32;
    static final int PAD = 0;
    static final int UNKNOWN = 1;
    private static final int FIRST_WORD = 2;
    private static final Pattern WORDS = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+", Pattern.UNICODE_CHARACTER_CLASS);

    private final List<String> words;
    private final Map<String, Integer> ids = new HashMap<>();
    private final int contextLength;

    public ShapesTokenizer(List<String> words, int contextLength) {
        if (contextLength < 3) {
            throw new IllegalArgumentException("context length must hold start, one word and end; got " + contextLength);
        }
        this.words = List.copyOf(words);
        this.contextLength = contextLength;
        for (int i = 0; i < this.words.size(); i++) {
            if (ids.putIfAbsent(this.words.get(i), FIRST_WORD + i) != null) {
                throw new IllegalArgumentException("vocabulary lists '" + this.words.get(i) + "' twice");
            }
        }
    }

    /** Reads a vocabulary of one word per line (blank lines ignored). */
    public static ShapesTokenizer read(Reader reader, int contextLength) throws IOException {
        List<String> words = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                words.add(line.strip());
            }
        }
        return new ShapesTokenizer(words, contextLength);
    }

    /** The pieces a text splits into, lowercased, whitespace collapsed. */
    public static List<String> split(String text) {
        String clean = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        Matcher m = WORDS.matcher(clean);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    public int startToken() {
        return FIRST_WORD + words.size();
    }

    public int endToken() {
        return startToken() + 1;
    }

    /** Ids in use: padding, unknown, words, start, end. */
    public int vocabSize() {
        return endToken() + 1;
    }

    public List<String> words() {
        return words;
    }

    /** The id of one piece (unknown words share id 1). */
    public int id(String piece) {
        return ids.getOrDefault(piece, UNKNOWN);
    }

    @Override
    public int[][] tokenize(List<String> texts, boolean truncate) {
        int[][] out = new int[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            out[i] = encode(texts.get(i), truncate);
        }
        return out;
    }

    private int[] encode(String text, boolean truncate) {
        List<String> pieces = split(text);
        int[] row = new int[contextLength];
        if (pieces.size() + 2 > contextLength) {
            if (!truncate) {
                throw new IllegalArgumentException("Input \"" + text + "\" is too long for context length "
                        + contextLength);
            }
            pieces = pieces.subList(0, contextLength - 2);
        }
        row[0] = startToken();
        for (int j = 0; j < pieces.size(); j++) {
            row[j + 1] = id(pieces.get(j));
        }
        row[pieces.size() + 1] = endToken();
        return row;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }
}
