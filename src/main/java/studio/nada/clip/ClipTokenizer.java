package studio.nada.clip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * OpenAI CLIP's tokenizer ({@code simple_tokenizer.py} and {@code clip.tokenize}): cleaned,
 * lower-cased text is split into words, numbers (one digit each) and punctuation runs, and each
 * piece is byte-level BPE encoded. {@link #tokenize} wraps the ids in start/end of text and pads
 * with 0 to the context length.
 */
public final class ClipTokenizer implements TextTokenizer {
    public static final int DEFAULT_CONTEXT_LENGTH = 77;

    /** Upstream's pattern; the special-token strings come first, so typed ones count as specials. */
    private static final Pattern PIECES = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);

    private final BytePairEncoding bpe;
    private final int contextLength;
    private final int startOfText;
    private final int endOfText;

    private ClipTokenizer(BytePairEncoding bpe, int contextLength) {
        if (contextLength < 2) {
            throw new IllegalArgumentException("Context length must be at least 2 (start and end of text), got "
                    + contextLength);
        }
        this.bpe = bpe;
        this.contextLength = contextLength;
        this.startOfText = bpe.id(VocabularyFiles.START_OF_TEXT);
        this.endOfText = bpe.id(VocabularyFiles.END_OF_TEXT);
    }

    /** OpenAI's vocabulary, shipped as a resource so the studio tokenizes offline. */
    public static ClipTokenizer openAi() {
        return Shipped.INSTANCE;
    }

    /** From OpenAI's {@code bpe_simple_vocab_16e6.txt.gz}. */
    public static ClipTokenizer fromOpenAiMerges(Path gzip) throws IOException {
        return new ClipTokenizer(VocabularyFiles.openAi(gzip), DEFAULT_CONTEXT_LENGTH);
    }

    /** From Hugging Face's {@code vocab.json} and {@code merges.txt}. */
    public static ClipTokenizer fromHuggingFace(Path vocabJson, Path mergesTxt) throws IOException {
        return new ClipTokenizer(VocabularyFiles.huggingFace(vocabJson, mergesTxt), DEFAULT_CONTEXT_LENGTH);
    }

    /** The same vocabulary (and word cache) with another context length. */
    public ClipTokenizer withContextLength(int length) {
        return length == contextLength ? this : new ClipTokenizer(bpe, length);
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    public int startOfText() {
        return startOfText;
    }

    public int endOfText() {
        return endOfText;
    }

    public int vocabularySize() {
        return bpe.vocabularySize();
    }

    /** The BPE ids of a text, without start and end of text. */
    public int[] encode(String text) {
        IntStream.Builder ids = IntStream.builder();
        Matcher m = PIECES.matcher(TextCleaner.clean(text));
        while (m.find()) {
            String piece = m.group();
            if (piece.equals(VocabularyFiles.START_OF_TEXT)) {
                ids.add(startOfText);
            } else if (piece.equals(VocabularyFiles.END_OF_TEXT)) {
                ids.add(endOfText);
            } else {
                for (int id : bpe.encodeWord(ByteSymbols.encode(piece))) {
                    ids.add(id);
                }
            }
        }
        return ids.build().toArray();
    }

    /**
     * {@code clip.tokenize} for one text: start of text, the ids, end of text, zeros up to the
     * context length.
     *
     * @param truncate keep the first {@code contextLength} ids, the last replaced by end of text,
     *     instead of failing
     * @throws IllegalArgumentException if the text is too long and {@code truncate} is false
     */
    public int[] tokenize(String text, boolean truncate) {
        int[] ids = encode(text);
        int[] row = new int[contextLength];
        int length = ids.length + 2;
        if (length > contextLength && !truncate) {
            // Upstream's message, with the count that makes it actionable.
            throw new IllegalArgumentException("Input " + text + " is too long for context length " + contextLength
                    + " (" + length + " tokens with start and end of text)");
        }
        row[0] = startOfText;
        int kept = Math.min(ids.length, contextLength - 2);
        System.arraycopy(ids, 0, row, 1, kept);
        row[kept + 1] = endOfText;
        return row;
    }

    /** {@link #tokenize(String, boolean)} for each text: one row per text. */
    @Override
    public int[][] tokenize(List<String> texts, boolean truncate) {
        int[][] rows = new int[texts.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = tokenize(texts.get(i), truncate);
        }
        return rows;
    }

    /** Loaded on first use: reading the 49k merges takes a moment. */
    private static final class Shipped {
        static final ClipTokenizer INSTANCE = load();

        private static ClipTokenizer load() {
            try (InputStream in = ClipTokenizer.class.getResourceAsStream("bpe_simple_vocab_16e6.txt.gz")) {
                if (in == null) {
                    throw new IllegalStateException("bpe_simple_vocab_16e6.txt.gz is missing from the classpath");
                }
                return new ClipTokenizer(VocabularyFiles.openAi(in), DEFAULT_CONTEXT_LENGTH);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
