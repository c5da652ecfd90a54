package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** Ids must equal openai/CLIP's exactly: any difference changes the text features. */
class ClipTokenizerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goldenTokensMatchUpstreamAndTheRecordedTensors() throws IOException {
        JsonNode clip = goldenClip();
        Map<String, TensorData> io = Safetensors.read(Fixtures.golden("clip_tiny_io.safetensors")).tensors();
        for (String key : List.of("tokens", "extra_tokens")) {
            Map<String, int[]> cases = cases(clip.get(key));
            TensorData recorded = io.get(key);
            assertArrayEquals(new long[] {cases.size(), 77}, recorded.shape(), key);
            int[][] rows = ClipTokenizer.openAi().tokenize(new ArrayList<>(cases.keySet()), false);
            int i = 0;
            for (Map.Entry<String, int[]> c : cases.entrySet()) {
                assertArrayEquals(padded(c.getValue(), 77), rows[i], key + ": " + c.getKey());
                assertArrayEquals(row(recorded, i), rows[i], key + " tensor row " + i + ": " + c.getKey());
                i++;
            }
        }
    }

    @Test
    void tooLongFailsUnlessTruncated() throws IOException {
        JsonNode clip = goldenClip();
        String text = clip.get("long_string").asText();
        ClipTokenizer tokenizer = ClipTokenizer.openAi();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.tokenize(text, false));
        assertTrue(e.getMessage().startsWith(clip.get("long_string_untruncated_error").asText()), e.getMessage());

        int[] expected = ints(clip.get("long_tokens_truncated"));
        assertArrayEquals(expected, tokenizer.tokenize(text, true));
        TensorData recorded = Safetensors.read(Fixtures.golden("clip_tiny_io.safetensors")).tensors()
                .get("long_tokens_truncated");
        assertArrayEquals(expected, row(recorded, 0));
    }

    @Test
    void publishedCasesMatch() throws IOException {
        ClipTokenizer tokenizer = ClipTokenizer.openAi();
        Map<String, int[]> cases = publishedCases();
        assertEquals(12, cases.size());
        for (Map.Entry<String, int[]> c : cases.entrySet()) {
            int[] ids = c.getValue();
            assertArrayEquals(Arrays.copyOfRange(ids, 1, ids.length - 1), tokenizer.encode(c.getKey()),
                    c.getKey());
            assertArrayEquals(padded(ids, 77), tokenizer.tokenize(c.getKey(), false), c.getKey());
        }
    }

    @Test
    void allLoadersAgree() throws IOException {
        ClipTokenizer shipped = ClipTokenizer.openAi();
        ClipTokenizer gzip = ClipTokenizer.fromOpenAiMerges(Fixtures.real("tokenizer/clip/bpe_simple_vocab_16e6.txt.gz"));
        ClipTokenizer hf = ClipTokenizer.fromHuggingFace(Fixtures.real("tokenizer/clip/vocab.json"),
                Fixtures.real("tokenizer/clip/merges.txt"));
        assertEquals(49408, shipped.vocabularySize());
        assertEquals(49408, hf.vocabularySize());
        assertEquals(49406, hf.startOfText());
        assertEquals(49407, hf.endOfText());
        List<String> texts = new ArrayList<>(publishedCases().keySet());
        texts.addAll(cases(goldenClip().get("extra_tokens")).keySet());
        for (String text : texts) {
            int[] expected = shipped.tokenize(text, true);
            assertArrayEquals(expected, gzip.tokenize(text, true), text);
            assertArrayEquals(expected, hf.tokenize(text, true), text);
        }
    }

    @Test
    void contextLengthIsConfigurable() {
        ClipTokenizer short8 = ClipTokenizer.openAi().withContextLength(8);
        assertEquals(8, short8.contextLength());
        assertArrayEquals(new int[] {49406, 320, 1125, 539, 320, 1929, 49407, 0},
                short8.tokenize("a photo of a dog", false));
        assertArrayEquals(new int[] {49406, 320, 1125, 539, 320, 2368, 268, 49407},
                short8.tokenize("a photo of a cat-like dog", true));
        assertThrows(IllegalArgumentException.class, () -> ClipTokenizer.openAi().withContextLength(1));
    }

    @Test
    void cleansLikeFtfyAndHtmlUnescape() {
        ClipTokenizer t = ClipTokenizer.openAi();
        // Curly quotes become straight ones, so the contraction is split as "'s".
        assertArrayEquals(t.encode("pixar's style"), t.encode("Pixar\u2019s style"));
        // Entities are unescaped (twice, plus ftfy's own pass); non-breaking spaces collapse.
        assertArrayEquals(t.encode("a & b"), t.encode("a &amp;amp;amp; b"));
        assertArrayEquals(t.encode("a cat"), t.encode("a&nbsp;\u00a0cat"));
        // Decomposed accents are composed (NFC); ligatures and full-width forms are undone.
        assertArrayEquals(t.encode("caf\u00e9"), t.encode("cafe\u0301"));
        assertArrayEquals(t.encode("fine art"), t.encode("\ufb01ne \uff21\uff32\uff34"));
    }

    private static JsonNode goldenClip() throws IOException {
        return JSON.readTree(Fixtures.golden("golden_meta.json").toFile()).get("clip");
    }

    private static Map<String, int[]> publishedCases() throws IOException {
        JsonNode root = JSON.readTree(Fixtures.real("tokenizer/clip/expected_token_ids.json").toFile());
        Map<String, int[]> cases = new LinkedHashMap<>();
        for (JsonNode c : root.get("cases")) {
            cases.put(c.get("text").asText(), ints(c.get("ids")));
        }
        return cases;
    }

    private static Map<String, int[]> cases(JsonNode object) {
        Map<String, int[]> cases = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            cases.put(e.getKey(), ints(e.getValue()));
        }
        return cases;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static int[] padded(int[] ids, int length) {
        return Arrays.copyOf(ids, length);
    }

    private static int[] row(TensorData tensor, int index) {
        int width = (int) tensor.shape()[tensor.shape().length - 1];
        int[] out = new int[width];
        for (int j = 0; j < width; j++) {
            out[j] = (int) tensor.getDouble((long) index * width + j);
        }
        return out;
    }
}
