package studio.nada.clip;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import studio.nada.weights.JsonErrors;

/** Reads CLIP's BPE vocabulary from OpenAI's merges file or from Hugging Face's two files. */
final class VocabularyFiles {
    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";
    /** Upstream keeps merges[1:49152-256-2+1]: a 49408-token vocabulary; the file holds more lines. */
    private static final int OPENAI_MERGES = 49152 - 256 - 2;

    private VocabularyFiles() {}

    /** {@code bpe_simple_vocab_16e6.txt.gz}: a header line, then one merge per line. */
    static BytePairEncoding openAi(InputStream gzip) throws IOException {
        List<String> merges = new ArrayList<>(OPENAI_MERGES);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(gzip), StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (header == null) {
                throw new IOException("Empty BPE merges file");
            }
            for (String line; merges.size() < OPENAI_MERGES && (line = reader.readLine()) != null; ) {
                merges.add(mergeKey(line));
            }
        }
        if (merges.size() < OPENAI_MERGES) {
            throw new IOException("BPE merges file has " + merges.size() + " merges, expected at least "
                    + OPENAI_MERGES);
        }
        // The vocabulary is derived: byte symbols, the same ending a word, each merge, the specials.
        Map<String, Integer> encoder = new LinkedHashMap<>();
        List<String> vocab = new ArrayList<>();
        for (char c : ByteSymbols.IN_VOCAB_ORDER) {
            vocab.add(String.valueOf(c));
        }
        for (char c : ByteSymbols.IN_VOCAB_ORDER) {
            vocab.add(c + BytePairEncoding.END_OF_WORD);
        }
        for (String merge : merges) {
            vocab.add(merge.replace(" ", ""));
        }
        vocab.add(START_OF_TEXT);
        vocab.add(END_OF_TEXT);
        for (int i = 0; i < vocab.size(); i++) {
            encoder.put(vocab.get(i), i);
        }
        return new BytePairEncoding(encoder, merges);
    }

    static BytePairEncoding openAi(Path gzip) throws IOException {
        try (InputStream in = Files.newInputStream(gzip)) {
            return openAi(in);
        }
    }

    /** Hugging Face {@code vocab.json} (token to id) and {@code merges.txt} ({@code #version} header). */
    static BytePairEncoding huggingFace(Path vocabJson, Path mergesTxt) throws IOException {
        Map<String, Integer> encoder;
        try {
            encoder = new ObjectMapper().readValue(vocabJson.toFile(), new TypeReference<LinkedHashMap<String, Integer>>() {});
        } catch (JsonProcessingException e) {
            throw new IOException(vocabJson + ": not a vocabulary (token to id) JSON: " + JsonErrors.describe(e), e);
        }
        List<String> merges = new ArrayList<>();
        for (String line : Files.readAllLines(mergesTxt, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#version")) {
                merges.add(mergeKey(line));
            }
        }
        for (String special : List.of(START_OF_TEXT, END_OF_TEXT)) {
            if (!encoder.containsKey(special)) {
                throw new IOException(vocabJson + " has no " + special + " token");
            }
        }
        return new BytePairEncoding(encoder, merges);
    }

    /** A merge line as "first second", whatever whitespace separates the two. */
    private static String mergeKey(String line) throws IOException {
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IOException("Not a BPE merge line: '" + line + "'");
        }
        return parts[0] + " " + parts[1];
    }
}
