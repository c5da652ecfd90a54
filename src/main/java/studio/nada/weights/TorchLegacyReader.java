package studio.nada.weights;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the pre-1.6 ("legacy") {@code torch.save} format: five records back to back — the magic
 * number, the protocol version (1001), sys_info, the object pickle, the list of storage keys — then
 * each storage in that list's order as an int64 element count followed by its raw bytes.
 *
 * <p>The object pickle names its storages before their bytes appear, so it is read twice: once
 * to learn each storage's type, and again, once the bytes are located, to build the tensors.
 */
final class TorchLegacyReader {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long PROTOCOL = 1001;

    private TorchLegacyReader() {}

    static Object read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() > Integer.MAX_VALUE) {
                throw new WeightsFormatException(file + ": legacy checkpoints over 2 GB are not supported");
            }
            ByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            return read(buf);
        } catch (WeightsFormatException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new WeightsFormatException(file + ": " + e.getMessage(), e);
        }
    }

    private static Object read(ByteBuffer buf) throws WeightsFormatException {
        PickleGlobals globals = new PickleGlobals(false);
        Unpickler.PersistentLoader none = pid -> {
            throw new WeightsFormatException("unexpected storage reference in a legacy header");
        };
        Object magic = new Unpickler(buf, globals, none).load();
        if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
            throw new WeightsFormatException("not a PyTorch checkpoint (no legacy magic number, no zip header)");
        }
        Object protocol = new Unpickler(buf, globals, none).load();
        if (!Long.valueOf(PROTOCOL).equals(protocol)) {
            throw new WeightsFormatException("unsupported legacy protocol version " + protocol);
        }
        if (new Unpickler(buf, globals, none).load() instanceof Map<?, ?> sysInfo
                && Boolean.FALSE.equals(sysInfo.get("little_endian"))) {
            throw new WeightsFormatException("big-endian legacy checkpoints are not supported");
        }
        int objectStart = buf.position();
        Map<String, StorageRef> declared = new HashMap<>();
        new Unpickler(buf, globals, pid -> storage(pid, declared, null)).load();
        Object keys = new Unpickler(buf, globals, none).load();
        if (!(keys instanceof List<?> keyList)) {
            throw new WeightsFormatException("legacy storage key list is a " + Unpickler.typeName(keys));
        }
        Map<String, ByteBuffer> data = locateStorages(buf, keyList, declared);
        int end = buf.position();
        buf.position(objectStart);
        Map<String, StorageRef> real = new HashMap<>();
        Object result = new Unpickler(buf, globals, pid -> storage(pid, real, data)).load();
        buf.position(end);
        return result;
    }

    /** Finds each storage's bytes: int64 count, then count elements of its declared type. */
    private static Map<String, ByteBuffer> locateStorages(ByteBuffer buf, List<?> keys,
            Map<String, StorageRef> declared) throws WeightsFormatException {
        Map<String, ByteBuffer> data = new HashMap<>();
        for (Object k : keys) {
            StorageRef ref = declared.get(String.valueOf(k));
            if (ref == null) {
                throw new WeightsFormatException("storage '" + k + "' is listed but never used");
            }
            if (buf.remaining() < 8) {
                throw new WeightsFormatException("file ends before storage '" + k + "'");
            }
            long count = buf.getLong();
            long bytes = count < 0 || count > buf.remaining() ? -1 : count * ref.dtype.byteSize();
            if (bytes < 0 || bytes > buf.remaining()) {
                throw new WeightsFormatException("storage '" + k + "' declares " + count + " elements but only "
                        + buf.remaining() + " bytes remain in the file");
            }
            data.put(ref.key, buf.slice(buf.position(), (int) bytes).order(ByteOrder.LITTLE_ENDIAN));
            buf.position(buf.position() + (int) bytes);
        }
        return data;
    }

    /** ('storage', type, key, location, numel, view) where view is None or (view_key, offset, view_numel). */
    private static StorageRef storage(Object pid, Map<String, StorageRef> refs, Map<String, ByteBuffer> data)
            throws WeightsFormatException {
        if (!(pid instanceof List<?> t) || t.size() < 5 || !"storage".equals(t.get(0))
                || !(t.get(1) instanceof PickleGlobals.Global type) || type.dtype() == null
                || !(t.get(4) instanceof Long numel) || numel < 0) {
            throw new WeightsFormatException("unexpected persistent id " + pid);
        }
        String key = String.valueOf(t.get(2));
        long offset = 0;
        long viewNumel = numel;
        String refKey = key;
        if (t.size() > 5 && t.get(5) instanceof List<?> view && view.size() == 3) {
            refKey = view.get(0) + "@" + key;
            offset = TorchTensors.asLong(view.get(1), "storage view offset");
            viewNumel = TorchTensors.asLong(view.get(2), "storage view size");
            if (offset < 0 || viewNumel < 0 || offset + viewNumel > numel) {
                throw new WeightsFormatException("storage view " + view + " lies outside storage '" + key + "'");
            }
        }
        StorageRef ref = refs.get(refKey);
        if (ref == null) {
            StorageRef.Loader loader = data == null ? null : bytes -> rootBytes(data, key, bytes);
            ref = new StorageRef(type.dtype(), key, viewNumel, offset, loader);
            refs.put(refKey, ref);
            refs.putIfAbsent(key, ref); // the key list names root storages
        }
        return ref;
    }

    private static ByteBuffer rootBytes(Map<String, ByteBuffer> data, String key, long needed)
            throws WeightsFormatException {
        ByteBuffer b = data.get(key);
        if (b == null || b.remaining() < needed) {
            throw new WeightsFormatException("storage '" + key + "' holds " + (b == null ? 0 : b.remaining())
                    + " bytes, fewer than the " + needed + " its tensors need");
        }
        return b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }
}
