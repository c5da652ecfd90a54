package studio.nada.weights;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code data.pkl} of a {@code torch.save} archive, pickle protocol 2, as PyTorch does:
 * tensors as {@code torch._utils._rebuild_tensor_v2} with a BINPERSID storage reference, and
 * dicts whose values are all tensors as {@code collections.OrderedDict} (what state_dict() gives).
 * The same TensorData instance written twice shares one storage.
 */
final class PickleWriter {
    /** A storage to write as {@code <root>/data/<key>}. */
    record Storage(String key, TensorData tensor) {}

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final IdentityHashMap<TensorData, Storage> storages = new IdentityHashMap<>();

    byte[] pickle(Object tree) throws WeightsFormatException {
        out.write(0x80);
        out.write(2);
        write(tree, 0);
        out.write('.');
        return out.toByteArray();
    }

    /** The storages referenced, in key order 0, 1, 2, ... */
    List<Storage> storages() {
        return storages.values().stream().sorted((a, b) -> Integer.compare(
                Integer.parseInt(a.key()), Integer.parseInt(b.key()))).toList();
    }

    private void write(Object o, int depth) throws WeightsFormatException {
        if (depth > 64) {
            throw new WeightsFormatException("checkpoint tree is nested too deeply (or cyclic) to save");
        }
        if (o == null) {
            out.write('N');
        } else if (o instanceof Boolean b) {
            out.write(b ? 0x88 : 0x89);
        } else if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            writeInt(((Number) o).longValue());
        } else if (o instanceof Double || o instanceof Float) {
            out.write('G');
            writeRaw(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(((Number) o).doubleValue()).array());
        } else if (o instanceof String s) {
            writeString(s);
        } else if (o instanceof TensorData t) {
            writeTensor(t);
        } else if (o instanceof Map<?, ?> m) {
            writeDict(m, depth);
        } else if (o instanceof List<?> l) {
            out.write(']');
            if (!l.isEmpty()) {
                out.write('(');
                for (Object item : l) {
                    write(item, depth + 1);
                }
                out.write('e');
            }
        } else {
            throw new WeightsFormatException("cannot save a " + Unpickler.typeName(o) + " in a PyTorch checkpoint");
        }
    }

    private void writeDict(Map<?, ?> m, int depth) throws WeightsFormatException {
        boolean stateDict = !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof TensorData);
        if (stateDict) {
            writeGlobal("collections", "OrderedDict");
            out.write(')');
            out.write('R');
        } else {
            out.write('}');
        }
        if (!m.isEmpty()) {
            out.write('(');
            for (Map.Entry<?, ?> e : m.entrySet()) {
                write(e.getKey(), depth + 1);
                write(e.getValue(), depth + 1);
            }
            out.write('u');
        }
    }

    /** _rebuild_tensor_v2(('storage', torch.XStorage, key, 'cpu', numel), 0, size, stride, False, OrderedDict()). */
    private void writeTensor(TensorData t) throws WeightsFormatException {
        Storage s = storages.computeIfAbsent(t, k -> new Storage(String.valueOf(storages.size()), k));
        writeGlobal("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        out.write('(');
        writeString("storage");
        writeGlobal("torch", TorchStorages.storageClass(t.dtype()));
        writeString(s.key());
        writeString("cpu");
        writeInt(t.numel());
        out.write('t');
        out.write('Q');
        writeInt(0);
        long[] shape = t.shape();
        long[] stride = new long[shape.length];
        long step = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            stride[d] = step;
            step *= shape[d];
        }
        writeTuple(shape);
        writeTuple(stride);
        out.write(0x89);
        writeGlobal("collections", "OrderedDict");
        out.write(')');
        out.write('R');
        out.write('t');
        out.write('R');
    }

    private void writeTuple(long[] values) {
        out.write('(');
        for (long v : values) {
            writeInt(v);
        }
        out.write('t');
    }

    private void writeGlobal(String module, String name) {
        out.write('c');
        writeRaw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void writeInt(long v) {
        if (v >= 0 && v < 256) {
            out.write('K');
            out.write((int) v);
        } else if (v >= 0 && v < 65536) {
            out.write('M');
            out.write((int) v & 0xff);
            out.write((int) (v >>> 8));
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write('J');
            writeRaw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
        } else {
            out.write(0x8a); // LONG1, 8 little-endian two's-complement bytes
            out.write(8);
            writeRaw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
        }
    }

    private void writeString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        writeRaw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        writeRaw(b);
    }

    private void writeRaw(byte[] b) {
        out.write(b, 0, b.length);
    }
}
