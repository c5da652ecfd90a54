package studio.nada.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's stderr holds what the user must read, not the engine's banner or CUDA probing. */
class QuietStderrTest {
    @TempDir
    Path dir;

    @Test
    void generatePrintsNoLibraryLogLines() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "generate", "--seeds", "0",
                "--out", dir.resolve("out").toString()).start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertTrue(err.lines().noneMatch(l -> l.contains(" INFO ") || l.contains("ai.djl")), err);
    }
}
