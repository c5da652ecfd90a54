package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;
import studio.nada.testing.Fixtures;

/** What a killed run left behind is cleared by the next run on its folder; outputs get the umask's permissions. */
class LeftoversTest {
    @TempDir
    Path dir;

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
