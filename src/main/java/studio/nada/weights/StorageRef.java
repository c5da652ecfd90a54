package studio.nada.weights;

import java.nio.ByteBuffer;

/**
 * A storage a pickle refers to by persistent id: its element type, element count and where its
 * bytes come from. The bytes are read once, on first use, and shared by every view of it.
 */
final class StorageRef {
    /** Reads the bytes of a storage; called at most once. */
    interface Loader {
        ByteBuffer load(long byteCount) throws WeightsFormatException;
    }

    final DType dtype;
    final String key;
    final long numel;
    /** Element offset of this storage in its root (legacy storage views), else 0. */
    final long elementOffset;
    private final Loader loader;
    private ByteBuffer bytes;

    StorageRef(DType dtype, String key, long numel, long elementOffset, Loader loader) {
        this.dtype = dtype;
        this.key = key;
        this.numel = numel;
        this.elementOffset = elementOffset;
        this.loader = loader;
    }

    /** False for placeholders of a dry run (legacy files declare storages before their bytes). */
    boolean hasData() {
        return loader != null;
    }

    /** The whole root storage, from element 0 of the root. */
    ByteBuffer bytes() throws WeightsFormatException {
        if (bytes == null) {
            long count;
            try {
                count = Math.multiplyExact(Math.addExact(elementOffset, numel), (long) dtype.byteSize());
            } catch (ArithmeticException e) {
                throw new WeightsFormatException("storage '" + key + "' declares " + numel + " elements of " + dtype
                        + ", more bytes than a 64-bit size can count");
            }
            bytes = loader.load(count);
        }
        return bytes.duplicate();
    }
}
