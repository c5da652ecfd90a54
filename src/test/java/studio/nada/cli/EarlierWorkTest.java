package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.nada.RunLock;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;

/** Earlier work is never overwritten: not by train, not by generate, not by a second run on one folder. */
class EarlierWorkTest {
    private static final byte[] USERS = {1, 2, 3, 4};

    @TempDir
    Path dir;

    private static List<String> train(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(),
                "--clip", "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2",
                "--source", "photo", "--target", "sketch", "--iterations", "1", "--layers-k", "3",
                "--device", "cpu", "--out", out.toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void trainRefusesAFolderHoldingAnEarlierRunUnlessToldToOverwrite() throws Exception {
        for (String name : List.of("checkpoint.pt", "generator.pt", "generator.safetensors", "run.json",
                "samples/iter_000000.png")) {
            Path out = dir.resolve(name.replace('/', '_'));
            Path file = out.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, USERS);
            Cli.Run r = Cli.run(train(out).toArray(String[]::new));
            assertEquals(1, r.code(), name);
            assertTrue(r.err().contains(out + " already holds an earlier run (" + name + "): continue it with --resume "
                    + out + ", start over with --overwrite, or choose another --out"), r.err());
            assertArrayEquals(USERS, Files.readAllBytes(file), name + " is kept");
        }
        Path out = dir.resolve("generator.pt");
        Cli.Run r = Cli.run(train(out, "--overwrite").toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(Files.size(out.resolve("generator.pt")) > USERS.length);
    }

    @Test
    void aSecondRunOnALockedFolderFailsAtOnce() throws Exception {
        Path out = dir.resolve("busy");
        try (RunLock other = RunLock.acquire(out)) {
            Cli.Run r = Cli.run(train(out).toArray(String[]::new));
            assertEquals(1, r.code());
            assertTrue(r.err().contains("another run is writing to " + out.toAbsolutePath()), r.err());
            assertFalse(Files.exists(out.resolve("checkpoint.pt")));
            assertFalse(Files.exists(out.resolve("run.json")));
        }
    }

    @Test
    void generateRefusesToReplaceImagesUnlessToldToOverwrite() throws Exception {
        Path out = dir.resolve("gen");
        String[] args = {"generate", "--checkpoint", Fixtures.golden("sg2_tiny.pt").toString(), "--seeds", "0-1",
                "--out", out.toString(), "--device", "cpu"};
        assertEquals(0, Cli.run(args).code());
        Files.write(out.resolve("seed0001.png"), USERS);
        Cli.Run again = Cli.run(args);
        assertEquals(1, again.code());
        assertTrue(again.err().contains(out + " already holds seed0000.png, seed0001.png, grid.png: give --overwrite"
                + " to replace them, or choose another --out"), again.err());
        assertArrayEquals(USERS, Files.readAllBytes(out.resolve("seed0001.png")));

        List<String> over = new ArrayList<>(List.of(args));
        over.add("--overwrite");
        assertEquals(0, Cli.run(over.toArray(String[]::new)).code());
        assertTrue(Files.size(out.resolve("seed0001.png")) > USERS.length);
    }

    @Test
    void anEmptyOutputPathIsRefused() {
        Cli.Run gen = Cli.run("generate", "--seeds", "0", "--out", "", "--device", "cpu");
        assertEquals(1, gen.code());
        assertTrue(gen.err().contains("--out is empty: give a folder"), gen.err());
        Cli.Run tr = Cli.run("train", "--source", "red shape", "--target", "blue shape", "--out", "");
        assertEquals(1, tr.code());
        assertTrue(tr.err().contains("--out is empty: give a folder"), tr.err());
    }
}
