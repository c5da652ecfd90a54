package studio.nada.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads PyTorch zip archives: {@code torch.save} checkpoints (1.6+) and TorchScript archives. The
 * root folder is whatever holds {@code data.pkl}; storages are {@code data/<key>} (TorchScript
 * constants: {@code constants/<key>}), read only when a tensor uses them, at any device location.
 */
final class TorchZipReader {
    /** Pickles over this are refused before reading (real ones are a few MB at most). */
    private static final long MAX_PICKLE_BYTES = 256L << 20;

    /** What an archive holds; {@code constants} is null for plain checkpoints. */
    record Archive(Object data, Object constants, boolean torchScript) {}

    private final Path file;
    private final ZipFile zip;
    private final long fileSize;
    private final String root;
    private final Map<String, StorageRef> storages = new HashMap<>();

    private TorchZipReader(Path file, ZipFile zip, String root) throws IOException {
        this.file = file;
        this.zip = zip;
        this.fileSize = Files.size(file);
        this.root = root;
    }

    static Archive read(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new WeightsFormatException(file + ": not a readable zip archive (truncated or corrupt?): "
                    + e.getMessage(), e);
        }
        try (zip) {
            TorchZipReader reader = new TorchZipReader(file, zip, findRoot(file, zip));
            // TorchScript archives carry constants.pkl and code/; only they may name __torch__ classes
            boolean torchScript = reader.entry("constants.pkl") != null
                    || zip.stream().anyMatch(e -> e.getName().startsWith(reader.root + "code/"));
            PickleGlobals globals = new PickleGlobals(torchScript);
            Object data = reader.unpickle("data.pkl", globals, "data/");
            Object constants = reader.entry("constants.pkl") != null ? reader.unpickle("constants.pkl", globals, "constants/") : null;
            return new Archive(data, constants, torchScript);
        } catch (WeightsFormatException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new WeightsFormatException(file + ": " + e.getMessage(), e);
        } catch (ZipException e) {
            throw new WeightsFormatException(file + ": corrupt zip entry: " + e.getMessage(), e);
        }
    }

    /** The archive's root folder ("archive/", the file stem, ...), found by its data.pkl. */
    private static String findRoot(Path file, ZipFile zip) throws WeightsFormatException {
        List<String> roots = new ArrayList<>();
        zip.stream().map(ZipEntry::getName)
                .filter(n -> n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length())
                .forEach(n -> roots.add(n.substring(0, n.length() - "data.pkl".length())));
        if (roots.size() != 1) {
            throw new WeightsFormatException(file + ": not a PyTorch archive (expected one <root>/data.pkl, found "
                    + (roots.isEmpty() ? "none" : roots) + ")");
        }
        return roots.get(0);
    }

    private ZipEntry entry(String name) {
        return zip.getEntry(root + name);
    }

    private Object unpickle(String name, PickleGlobals globals, String storageFolder) throws IOException {
        ZipEntry e = entry(name);
        if (e == null) {
            throw new WeightsFormatException("archive has no " + root + name);
        }
        byte[] bytes = readEntry(e, e.getSize(), MAX_PICKLE_BYTES);
        Unpickler u = new Unpickler(ByteBuffer.wrap(bytes), globals, pid -> storage(pid, storageFolder));
        return u.load();
    }

    /** BINPERSID ('storage', torch.XStorage, key, location, numel): location is ignored, all goes to CPU. */
    private StorageRef storage(Object pid, String folder) throws WeightsFormatException {
        if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof PickleGlobals.Global type) || type.dtype() == null
                || !(t.get(2) instanceof String key) || !(t.get(4) instanceof Long numel)) {
            throw new WeightsFormatException("unexpected persistent id " + pid);
        }
        if (numel < 0) {
            throw new WeightsFormatException("storage '" + key + "' declares " + numel + " elements");
        }
        String name = folder + key;
        StorageRef ref = storages.get(name);
        if (ref == null) {
            ref = new StorageRef(type.dtype(), key, numel, 0, bytes -> loadStorage(name, bytes));
            storages.put(name, ref);
        } else if (ref.dtype != type.dtype() || ref.numel != numel) {
            throw new WeightsFormatException("storage '" + key + "' is declared twice with different types or sizes");
        }
        return ref;
    }

    private ByteBuffer loadStorage(String name, long byteCount) throws WeightsFormatException {
        ZipEntry e = entry(name);
        if (e == null) {
            throw new WeightsFormatException("archive lacks storage " + root + name);
        }
        if (e.getMethod() != ZipEntry.STORED) {
            throw new WeightsFormatException("storage " + root + name + " is compressed; PyTorch stores them uncompressed");
        }
        if (e.getSize() < byteCount) {
            throw new WeightsFormatException("storage " + root + name + " declares " + byteCount
                    + " bytes but its zip entry holds " + e.getSize());
        }
        if (byteCount > Integer.MAX_VALUE - 8) {
            throw new WeightsFormatException("storage " + root + name + " is over 2 GB, which is not supported");
        }
        try {
            return ByteBuffer.wrap(readEntry(e, byteCount, Integer.MAX_VALUE - 8));
        } catch (IOException ex) {
            throw new WeightsFormatException("cannot read storage " + root + name + ": " + ex.getMessage(), ex);
        }
    }

    /** Reads {@code count} bytes of an entry, after checking them against the entry and the file. */
    private byte[] readEntry(ZipEntry e, long count, long limit) throws IOException {
        long stored = e.getMethod() == ZipEntry.STORED ? e.getSize() : e.getCompressedSize();
        if (count < 0 || count > limit || stored < 0 || stored > fileSize) {
            throw new WeightsFormatException("zip entry " + e.getName() + " declares " + count
                    + " bytes, more than the file (" + fileSize + " bytes) can hold");
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) count);
            if (b.length != count) {
                throw new WeightsFormatException("zip entry " + e.getName() + " is truncated: " + b.length + " of "
                        + count + " bytes");
            }
            return b;
        }
    }

}
