package studio.nada.clip;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE as in openai/CLIP's {@code SimpleTokenizer.bpe}: the last symbol of a word
 * carries {@code </w>}, and the ranked pair with the lowest rank is merged everywhere (left to
 * right, without overlap) until no ranked pair is left.
 */
final class BytePairEncoding {
    static final String END_OF_WORD = "</w>";
    /** Prompts repeat words; the bound only keeps a long-running studio from growing without end. */
    private static final int CACHE_LIMIT = 100_000;

    private final Map<String, Integer> encoder;
    private final Map<String, Integer> ranks;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param encoder token to id
     * @param merges merge rules in rank order, each "first second"
     */
    BytePairEncoding(Map<String, Integer> encoder, List<String> merges) {
        this.encoder = Map.copyOf(encoder);
        Map<String, Integer> r = new HashMap<>(merges.size() * 2);
        for (int i = 0; i < merges.size(); i++) {
            r.put(merges.get(i), i); // later duplicates win, as in upstream's dict(zip(...))
        }
        this.ranks = r;
    }

    int id(String token) {
        Integer id = encoder.get(token);
        if (id == null) {
            throw new IllegalStateException("Token '" + token + "' is not in the vocabulary");
        }
        return id;
    }

    int vocabularySize() {
        return encoder.size();
    }

    /** Ids of one pre-tokenized word, given as byte symbols (see {@link ByteSymbols}). */
    int[] encodeWord(String symbols) {
        int[] ids = cache.get(symbols);
        if (ids == null) {
            List<String> word = merge(symbols);
            ids = new int[word.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = id(word.get(i));
            }
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();
            }
            cache.put(symbols, ids);
        }
        return ids;
    }

    private List<String> merge(String symbols) {
        List<String> word = new ArrayList<>(symbols.length());
        for (int i = 0; i < symbols.length() - 1; i++) {
            word.add(String.valueOf(symbols.charAt(i)));
        }
        word.add(symbols.charAt(symbols.length() - 1) + END_OF_WORD);
        while (word.size() > 1) {
            int best = Integer.MAX_VALUE;
            String first = null;
            String second = null;
            for (int i = 0; i < word.size() - 1; i++) {
                Integer rank = ranks.get(word.get(i) + " " + word.get(i + 1));
                if (rank != null && rank < best) {
                    best = rank;
                    first = word.get(i);
                    second = word.get(i + 1);
                }
            }
            if (first == null) {
                break;
            }
            List<String> merged = new ArrayList<>(word.size());
            for (int i = 0; i < word.size(); i++) {
                if (i < word.size() - 1 && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        return word;
    }
}
