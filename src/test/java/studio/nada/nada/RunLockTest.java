package studio.nada.nada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run folder is held by one run at a time, across processes and within one. */
class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondLockInTheSameProcessIsRefusedUntilTheFirstIsReleased() throws Exception {
        Path run = dir.resolve("run");
        try (RunLock first = RunLock.acquire(run)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains("another run is writing to " + run), e.getMessage());
            // the refused attempt must not have dropped the first one's OS lock
            assertTrue(heldElsewhere(run).contains("refused"));
        }
        try (RunLock again = RunLock.acquire(dir.resolve("./run"))) {
            assertEquals(run, again.folder());
        }
    }

    @Test
    void anotherProcessHoldingTheFolderRefusesThisOne() throws Exception {
        Path run = dir.resolve("run");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), run.toString()).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("locked", r.readLine());
            assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
            holder.getOutputStream().close(); // the holder exits, and the OS drops its lock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        RunLock.acquire(run).close();
    }

    /** Tries the lock from a child process: "refused" or "locked". */
    private static String heldElsewhere(Path run) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Holder.class.getName(), run.toString()).start();
        p.getOutputStream().close();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return line;
    }

    /** Holds a run folder until its stdin closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLock.acquire(Path.of(args[0]))) {
                System.out.println("locked");
                System.out.flush();
                System.in.readAllBytes();
            } catch (IllegalStateException e) {
                System.out.println("refused");
            }
        }
    }
}
