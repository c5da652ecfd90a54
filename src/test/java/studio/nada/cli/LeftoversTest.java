package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.nada.RunLock;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;
import studio.nada.toyworld.ShapesWorld;

/**
 * What a killed run left behind is cleared by the next run on its folder; a failed run removes the
 * folder it made; the built-in models leave no temporary file; outputs get the umask's permissions.
 */
class LeftoversTest {
    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    /** The prefix of the temporary copies the built-in models were read from (this process's). */
    private static final String OURS = "nada-shapes-" + ProcessHandle.current().pid() + "-";

    @TempDir
    Path dir;

    private static List<Path> ourTemporaryFiles() throws Exception {
        try (Stream<Path> s = Files.list(TMP)) {
            return s.filter(p -> p.getFileName().toString().startsWith(OURS)).toList();
        }
    }

    @Test
    void theBuiltInModelsLeaveNoTemporaryFileBehind() throws Exception {
        Cli.Run r = Cli.run("generate", "--seeds", "0", "--device", "cpu", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), ourTemporaryFiles());
    }

    @Test
    void aFilePlantedWhereTheBuiltInGeneratorWasCopiedIsNeverRead() throws Exception {
        Path planted = Files.write(TMP.resolve(OURS + ShapesWorld.GENERATOR_FILE), new byte[] {'P', 'K', 0, 0});
        try {
            Cli.Run r = Cli.run("generate", "--seeds", "0", "--device", "cpu", "--out", dir.resolve("out").toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.exists(dir.resolve("out/seed0000.png")));
        } finally {
            Files.deleteIfExists(planted);
        }
    }

    @Test
    void aFailedRunRemovesTheFolderItMadeAndKeepsOneThatWasThere() throws Exception {
        Path made = dir.resolve("made");
        Path there = Files.createDirectory(dir.resolve("there"));
        for (Path out : List.of(made, there)) {
            // refused once the models are loaded and samples/ exists: the prompts read alike to CLIP
            Cli.Run r = Cli.run("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(), "--clip",
                    "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--device", "cpu",
                    "--source", "photo", "--target", "Photo ", "--iterations", "1", "--out", out.toString());
            assertEquals(1, r.code(), r.out() + r.err());
        }
        assertFalse(Files.exists(made), "the failed run's own folder is removed");
        assertTrue(Files.isDirectory(there), "a folder that was there is kept");
        assertFalse(Files.exists(there.resolve(RunLock.FILE)));
        assertFalse(Files.exists(there.resolve("samples")));
    }

    @Test
    void outputsAreCreatedWithTheUmasksPermissions() throws Exception {
        Path out = dir.resolve("out");
        Cli.Run r = Cli.run("generate", "--seeds", "0", "--device", "cpu", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Path plain = Files.createFile(out.resolve("made-with-the-umask"));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("seed0000.png"))));
    }

    @Test
    void aResumedRunRemovesTheTemporaryFileOfAKilledCheckpointWrite() throws Exception {
        Path run = dir.resolve("run");
        String[] first = {"train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(), "--clip",
            "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--device", "cpu", "--source",
            "photo", "--target", "sketch", "--iterations", "1", "--layers-k", "3", "--preview-seeds", "0",
            "--out", run.toString()};
        assertEquals(0, Cli.run(first).code());
        Path leftover = Files.write(run.resolve(".checkpoint.pt4711.tmp"), new byte[] {1, 2});
        Cli.Run resumed = Cli.run("train", "--generator", Fixtures.golden("sg2_tiny.pt").toString(), "--clip",
                "tiny=" + Fixtures.golden("clip_tiny_state.pt"), "--clip-heads", "1:2", "--device", "cpu",
                "--preview-seeds", "0", "--iterations", "2", "--resume", run.toString());
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(run.resolve("checkpoint.pt")));
    }
}
