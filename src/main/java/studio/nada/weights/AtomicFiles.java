package studio.nada.weights;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to
 * a temporary file in the same folder, are forced to disk, then moved over the target. On any
 * failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {
    /** Writes the content of a file to a stream. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String TMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /**
     * Deletes what a write of {@code target} killed midway left behind (its hidden temporary
     * files). Only for a folder the caller holds: another process may be writing there otherwise.
     */
    public static void removeLeftovers(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        if (!Files.isDirectory(abs.getParent())) {
            return;
        }
        String prefix = "." + abs.getFileName();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(abs.getParent(), p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX);
        })) {
            for (Path p : s) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static void write(Path target, Content content) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        // CREATE_NEW rather than createTempFile: the same exclusive creation, but with the umask's
        // permissions (createTempFile makes every output rw------- whatever the user's umask)
        Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + TMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            // a full disk says "No space left on device" and nothing more: say which file
            String message = String.valueOf(e.getMessage());
            throw message.contains(abs.getFileName().toString()) ? e
                    : new IOException("cannot write " + abs + ": " + message
                            + (Files.exists(abs) ? " (the earlier file is kept)" : ""), e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
