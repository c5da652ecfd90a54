package studio.nada.nada;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * A run folder held for the life of one run, so that two runs (two {@code train} processes, or
 * the studio and a script) never write into the same folder and mix their outputs. The lock is
 * an OS file lock on {@value #FILE} inside the folder: the OS drops it when the process dies, so
 * a killed run never leaves a folder locked.
 */
public final class RunLock implements AutoCloseable {
    public static final String FILE = ".nada-run.lock";

    /**
     * Folders locked by this process. POSIX drops all of a process's locks on a file when any of
     * its descriptors for that file closes, so a second lock attempt from the same process must
     * not even open the file: it is answered from here.
     */
    private static final Set<Path> HELD = new HashSet<>();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (creating it if needed).
     *
     * @throws IllegalStateException when another run holds it
     * @throws IOException when the folder or its lock file cannot be made
     */
    public static RunLock acquire(Path dir) throws IOException {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (HELD) {
            if (HELD.contains(key)) {
                throw held(key);
            }
            Files.createDirectories(key);
            FileChannel ch = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (IOException | OverlappingFileLockException e) {
                ch.close();
                throw new IOException("could not lock the run folder " + key + " (" + e.getMessage() + ")", e);
            }
            if (l == null) {
                ch.close();
                throw held(key);
            }
            HELD.add(key);
            return new RunLock(key, ch, l);
        }
    }

    private static IllegalStateException held(Path dir) {
        return new IllegalStateException("another run is writing to " + dir + " (it holds " + dir.resolve(FILE)
                + "); wait for it to end or choose another folder");
    }

    public Path folder() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        synchronized (HELD) {
            if (!HELD.remove(dir)) {
                return;
            }
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
