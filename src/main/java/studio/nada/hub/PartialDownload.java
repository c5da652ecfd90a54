package studio.nada.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import studio.nada.weights.AtomicFiles;

/**
 * The hidden half of a download: {@code partial/NAME.part}, what the server said of it (address,
 * validator, total) so a resume asks for the same file, and a lock so that the studio and the
 * command line never write it at once.
 */
final class PartialDownload implements AutoCloseable {
    /** What a resume must match: the same address and the server's ETag or Last-Modified. */
    record Info(String url, String etag, String lastModified, long total) {}

    final Path part;
    private final Path infoFile;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private PartialDownload(Path part, Path infoFile, FileChannel lockChannel, FileLock lock) {
        this.part = part;
        this.infoFile = infoFile;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the entry's partial file for this process, or says who holds it. */
    static PartialDownload open(ModelCache cache, CatalogEntry e) throws IOException {
        Path part = cache.partialOf(e);
        Files.createDirectories(part.getParent());
        Path lockFile = part.resolveSibling(e.name() + ".lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException ex) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new DownloadException(DownloadException.Reason.BUSY,
                    e.name() + " is already being downloaded (by this studio or another nada-studio process)");
        }
        return new PartialDownload(part, cache.partialInfoOf(e), ch, lock);
    }

    long bytes() throws IOException {
        return Files.isRegularFile(part) ? Files.size(part) : 0;
    }

    /** The stored info, or null when there is none or it cannot be read (then the part is not trusted). */
    Info info() {
        try {
            return Files.isRegularFile(infoFile) ? Catalog.JSON.readValue(infoFile.toFile(), Info.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void saveInfo(Info info) throws IOException {
        byte[] bytes = Catalog.JSON.writeValueAsBytes(info);
        AtomicFiles.write(infoFile, out -> out.write(bytes));
    }

    /** Forgets the bytes fetched so far (a changed file, a failed checksum). */
    void discard() throws IOException {
        Files.deleteIfExists(part);
        Files.deleteIfExists(infoFile);
    }

    /** After the part became the finished file. */
    void finished() throws IOException {
        Files.deleteIfExists(infoFile);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }
}
