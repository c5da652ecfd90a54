package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.weights.TensorData;

/**
 * {@code train} on the golden tiny models, killed with SIGKILL after its first checkpoint,
 * resumed, ends with the same iteration count and the very weights of an uninterrupted run (every
 * step's draws are seeded by its iteration, and the checkpoint holds the optimizer state).
 */
class TrainResumeTest {
    @TempDir
    Path dir;

    private List<String> args(Path out) {
        return new ArrayList<>(List.of("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(),
                "--clip", "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2",
                "--source", "photo", "--target", "sketch", "--iterations", "10", "--layers-k", "3",
                "--checkpoint-every", "3", "--sample-every", "5", "--device", "cpu", "--out", out.toString()));
    }

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        Path whole = dir.resolve("whole");
        Cli.Run uninterrupted = Cli.run(args(whole).toArray(String[]::new));
        assertEquals(0, uninterrupted.code(), uninterrupted.out() + uninterrupted.err());

        Path killed = dir.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args(killed));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        boolean sawCheckpoint = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("iter 5/")) {
                    sawCheckpoint = true;
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no final save
                    break;
                }
            }
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(sawCheckpoint, "the run reached iteration 5 before the kill");
        assertTrue(Files.exists(killed.resolve("checkpoint.pt")));
        assertTrue(!Files.exists(killed.resolve("generator.pt")), "killed before the final export");

        Cli.Run resumed = Cli.run("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(),
                "--clip", "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2",
                "--device", "cpu", "--checkpoint-every", "3", "--resume", killed.toString());
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("from iteration 3 of 10"), resumed.out());
        assertTrue(resumed.out().contains("finished after 10 iterations"), resumed.out());

        Map<String, TensorData> a = GeneratorCheckpoint.read(whole.resolve("generator.pt"), null).stateDict();
        Map<String, TensorData> b = GeneratorCheckpoint.read(killed.resolve("generator.pt"), null).stateDict();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
        }
    }
}
