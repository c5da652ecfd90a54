package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Checkpoints;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** Messages that name the file and the problem, told before any model loads where the input allows. */
class ClearMessagesTest {
    @TempDir
    Path dir;

    /** A safetensors file with {@code header} as its JSON and {@code dataBytes} zero bytes of data. */
    private Path safetensors(String name, String header, int dataBytes) throws Exception {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return Files.write(dir.resolve(name), b.array());
    }

    private Cli.Run generate(Path checkpoint, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("generate", "--checkpoint", checkpoint.toString(),
                "--seeds", "0", "--out", dir.resolve("out").toString()));
        a.addAll(List.of(more));
        return Cli.run(a.toArray(String[]::new));
    }

    @Test
    void aShapeWhoseSizeOverflowsIsNamedNotALongOverflow() throws Exception {
        Path file = safetensors("huge.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483648,2147483648],\"data_offsets\":[0,4]}}", 4);
        Cli.Run r = generate(file, "--device", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(file + ": tensor 'w' declares shape [2147483648,2147483648] of F32, more bytes"
                + " than a 64-bit size can count: a damaged or forged header"), r.err());
        assertFalse(r.err().contains("long overflow"), r.err());
    }

    @Test
    void integerWeightsAreNamedBeforePyTorchMeetsThem() throws Exception {
        Map<String, TensorData> ints = new LinkedHashMap<>();
        Checkpoints.stateDict(Fixtures.golden("sg2_tiny.pt"), "g_ema").forEach((k, t) -> {
            float[] v = t.toFloatArray();
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = Math.round(v[i]);
            }
            ints.put(k, TensorData.ofLongs(t.shape(), l));
        });
        Path file = dir.resolve("int64.safetensors");
        Safetensors.write(file, ints, Map.of());
        Cli.Run r = generate(file, "--device", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().matches("(?s)error: " + java.util.regex.Pattern.quote(file + ": tensor '") + "[^']+' holds I64"
                + " values, where a generator's weights are floating point \\(F32, F16, BF16 or F64\\)\\s*"), r.err());
    }

    @Test
    void aNegativeGpuNumberIsRefusedBeforeTheModelLoads() {
        Cli.Run r = generate(dir.resolve("no-such-generator.pt"), "--device", "cuda:-1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Device 'cuda:-1': N in cuda:N counts GPUs from 0 (cuda:0 is the first); use cpu,"
                + " cuda or cuda:N"), r.err());
    }

    @Test
    void aBadHeaderSaysWhereWithoutJacksonsRedactedSource() throws Exception {
        Path file = safetensors("bad.safetensors",
                "{\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},,}", 4);
        Cli.Run r = generate(file, "--device", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(file + ": safetensors header is not valid JSON: Unexpected character (',' (code 44)):"
                + " was expecting double-quote to start field name (line 1, column 62)"), r.err());
        assertFalse(r.err().contains("REDACTED"), r.err());
    }

    /**
     * A disk that refuses a write, made real with the shell's file-size limit (1 KB: every PNG
     * is larger): the JVM ignores SIGXFSZ, so the write fails with "File too large" as it fails
     * with "No space left on device" on a full disk.
     */
    @Test
    void aFailedImageWriteNamesTheFileWithoutImageIOsTrace() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Path out = dir.resolve("out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("/bin/bash", "-c", "ulimit -f 1; exec \"$0\" \"$@\"", java,
                "-XX:-UsePerfData", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(),
                "--seeds", "0-3", "--device", "cpu", "--out", out.toString()).start();
        p.getOutputStream().close();
        p.getInputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("error: cannot write " + out.toAbsolutePath().resolve("seed0000.png") + ": File too large"),
                err);
        assertFalse(err.contains("I/O error writing PNG file") || err.contains("Exception") || err.contains("\tat "), err);
        try (var s = Files.list(out)) {
            assertEquals(List.of(), s.toList(), "no partial or temporary file is left");
        }
    }
}
