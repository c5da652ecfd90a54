package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import studio.nada.testing.Fixtures;

/**
 * Every tensor of every file under {@code fixtures/real} (torch zip, legacy, safetensors), checked
 * against {@code expected_values.json}: names, dtype, shape, first values and sum.
 */
class RealFixturesTest {
    private static final Map<String, DType> TORCH_DTYPES = Map.of("Float", DType.F32, "Double", DType.F64,
            "Half", DType.F16, "BFloat16", DType.BF16, "Long", DType.I64, "Int", DType.I32, "Short", DType.I16,
            "Char", DType.I8, "Byte", DType.U8, "Bool", DType.BOOL);

    @TestFactory
    Stream<DynamicTest> everyFileMatchesExpectedValues() throws Exception {
        Path real = Fixtures.real("");
        JsonNode expected = new ObjectMapper().readTree(real.resolve("expected_values.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> files = expected.fields();
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> f = files.next();
            if (f.getValue().has("tensors")) {
                tests.add(DynamicTest.dynamicTest(f.getKey(), () -> check(real.resolve(f.getKey()), f.getValue())));
            }
        }
        assertTrue(tests.size() >= 80, "expected_values.json lists " + tests.size() + " files with tensors");
        return tests.stream();
    }

    private static void check(Path file, JsonNode info) throws Exception {
        Map<String, TensorData> tensors = Checkpoints.tensors(file);
        List<String> names = new ArrayList<>();
        info.get("tensors").forEach(t -> names.add(t.get("key").asText()));
        if (info.get("format").asText().equals("safetensors")) {
            assertEquals(names, new ArrayList<>(tensors.keySet()), "tensor names in header order");
            Map<String, String> meta = Safetensors.read(file).metadata();
            JsonNode expectedMeta = info.get("metadata");
            assertEquals(expectedMeta.isNull() ? 0 : expectedMeta.size(), meta.size());
            expectedMeta.fields().forEachRemaining(m -> assertEquals(m.getValue().asText(), meta.get(m.getKey())));
        } else {
            assertEquals(names, new ArrayList<>(tensors.keySet()), "tensor names in pickle order");
        }
        for (JsonNode t : info.get("tensors")) {
            String key = t.get("key").asText();
            TensorData actual = tensors.get(key);
            String dtype = t.get("dtype").asText();
            DType expectedType = TORCH_DTYPES.containsKey(dtype) ? TORCH_DTYPES.get(dtype) : DType.fromSafetensors(dtype);
            assertEquals(expectedType, actual.dtype(), key);
            long[] shape = new long[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
            }
            assertArrayEquals(shape, actual.shape(), key);
            JsonNode first = t.get("first5");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(number(first.get(i)), actual.getDouble(i), 0.0, key + "[" + i + "]");
            }
            double sum = actual.sum();
            double magnitude = 0;
            for (long i = 0; i < actual.numel(); i++) {
                magnitude += Math.abs(actual.getDouble(i));
            }
            // both sums run in float64 in row-major order; only summation-order noise is tolerated
            double expectedSum = number(t.get("sum"));
            assertEquals(expectedSum, sum, Double.isFinite(magnitude) ? 1e-9 * Math.max(1, magnitude) : 0, key + " sum");
        }
    }

    /** JSON numbers, plus the "nan"/"inf" spellings Python's json writes as NaN/Infinity. */
    private static double number(JsonNode n) {
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? 1 : 0;
        }
        return switch (n.asText()) {
            case "NaN", "nan" -> Double.NaN;
            case "Infinity", "inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a number: " + n);
        };
    }

    @Test
    void brokenFileIsRefusedCleanly() {
        Path broken = Fixtures.real("negative/burn/reader/broken.pt");
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(broken));
        assertTrue(e.getMessage().contains("broken.pt"), e.getMessage());
    }
}
