package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.stylegan.GeneratorCheckpoint;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.weights.Safetensors;
import studio.nada.weights.TensorData;

/** Silent wrong results and misleading messages of generate and train, each now a result or a clear refusal. */
class MisleadingResultsTest {
    @TempDir
    Path dir;

    private Path generate(String out, String truncation) {
        Cli.Run r = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(), "--seeds", "4",
                "--truncation", truncation, "--out", dir.resolve(out).toString(), "--device", "cpu");
        assertEquals(0, r.code(), r.out() + r.err());
        return dir.resolve(out).resolve("seed0004.png");
    }

    @Test
    void truncationAboveOneExtrapolatesAndNonFiniteIsRefused() throws Exception {
        byte[] none = Files.readAllBytes(generate("one", "1.0"));
        byte[] away = Files.readAllBytes(generate("away", "1.8"));
        assertFalse(Arrays.equals(none, away), "psi 1.8 moves away from the mean");
        for (String bad : List.of("NaN", "Infinity")) {
            Cli.Run r = Cli.run("generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(), "--truncation",
                    bad, "--out", dir.resolve("bad").toString());
            assertEquals(1, r.code());
            assertTrue(r.err().contains("--truncation must be a finite number"), r.err());
        }
    }

    @Test
    void aGeneratorWithNaNWeightsIsRefusedOnLoad() throws Exception {
        Map<String, TensorData> sd = new LinkedHashMap<>(
                GeneratorCheckpoint.read(Fixtures.golden("sg2_tiny.pt"), null).stateDict());
        TensorData w = sd.get("conv1.conv.weight");
        float[] v = w.toFloatArray();
        v[7] = Float.NaN;
        sd.put("conv1.conv.weight", TensorData.ofFloats(w.shape(), v));
        Path file = dir.resolve("nan.safetensors");
        Safetensors.write(file, sd, Map.of());
        Cli.Run r = Cli.run("generate", "--checkpoint", file.toString(), "--out", dir.resolve("out").toString(),
                "--device", "cpu");
        assertEquals(1, r.code());
        assertTrue(r.err().contains(file + ": tensor 'conv1.conv.weight' holds 1 NaN or infinite values of " + v.length),
                r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    private List<String> train(String out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(),
                "--clip", "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--device", "cpu",
                "--preview-seeds", "0", "--out", dir.resolve(out).toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void promptsThatReadAliketoClipAreRefusedBeforeTraining() {
        Cli.Run r = Cli.run(train("same", "--source", "photo", "--target", "  PHOTO ", "--iterations", "2")
                .toArray(String[]::new));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("error: source \"photo\" and target \"PHOTO\" read as the same text to CLIP tiny"),
                r.err());
        assertFalse(r.out().contains("iter 1/"), r.out());
        assertFalse(Files.exists(dir.resolve("same/checkpoint.pt")));

        Cli.Run shapes = Cli.run("train", "--source", "red shape", "--target", "Red   Shape", "--device", "cpu",
                "--out", dir.resolve("shapes").toString());
        assertEquals(1, shapes.code());
        assertTrue(shapes.err().contains("read as the same text to CLIP"), shapes.err());
    }

    @Test
    void layersKIsCheckedAgainstTheGeneratorsWPlusCount() {
        Cli.Run negative = Cli.run(train("neg", "--source", "photo", "--target", "sketch", "--layers-k", "-3")
                .toArray(String[]::new));
        assertEquals(1, negative.code());
        assertTrue(negative.err().contains("--layers-k must be 0 (all W+ layers) or more, not -3"), negative.err());
        Cli.Run many = Cli.run(train("many", "--source", "photo", "--target", "sketch", "--layers-k", "99")
                .toArray(String[]::new));
        assertEquals(1, many.code());
        assertTrue(many.err().contains("--layers-k 99 is more than this generator's 8 W+ layers: give 1 to 8, or 0"
                + " for all"), many.err());
    }

    @Test
    void resumeRefusesAnotherPromptAndSaysWhichFlagsItIgnores() {
        Cli.Run first = Cli.run(train("run", "--source", "photo", "--target", "sketch", "--iterations", "1",
                "--layers-k", "3").toArray(String[]::new));
        assertEquals(0, first.code(), first.out() + first.err());
        String[] resume = {"train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(), "--clip",
            "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--device", "cpu",
            "--preview-seeds", "0", "--resume", dir.resolve("run").toString(), "--iterations", "2"};
        List<String> other = new ArrayList<>(List.of(resume));
        other.addAll(List.of("--target", "cartoon"));
        Cli.Run refused = Cli.run(other.toArray(String[]::new));
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("--resume continues the run \"photo\" -> \"sketch\" saved in its checkpoint;"
                + " --target \"cartoon\" differs: leave it out, or start a new run with --out"), refused.err());

        List<String> lr = new ArrayList<>(List.of(resume));
        lr.addAll(List.of("--target", "sketch", "--lr", "0.1"));
        Cli.Run noted = Cli.run(lr.toArray(String[]::new));
        assertEquals(0, noted.code(), noted.out() + noted.err());
        assertTrue(noted.out().contains("note: --lr ignored: --resume continues with the settings saved in its"
                + " checkpoint"), noted.out());
        assertTrue(noted.out().contains("finished after 2 iterations"), noted.out());
    }
}
