package studio.nada.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes checkpoints that {@code torch.load} reads, laid out as {@code torch.save} lays them out:
 * an uncompressed zip with {@code <root>/data.pkl} (pickle protocol 2), {@code <root>/byteorder},
 * one {@code <root>/data/<key>} per storage, then {@code <root>/version}. Every entry's data starts
 * 64-byte aligned, padded with the same "FB" extra field PyTorch writes. Written atomically.
 */
public final class TorchCheckpointWriter {
    private static final int ALIGNMENT = 64;
    private static final long ZIP32_LIMIT = 0xFFFFFFFFL;

    private TorchCheckpointWriter() {}

    /**
     * Saves a tree of dicts (string keys), lists, numbers, strings, booleans, null and tensors,
     * e.g. {@code {"g_ema": state_dict, "latent_avg": tensor}}. The root folder is the file's stem.
     */
    public static void write(Path file, Object tree) throws IOException {
        PickleWriter pickler = new PickleWriter();
        byte[] pkl = pickler.pickle(tree);
        String name = file.getFileName().toString();
        String root = (name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                .replaceAll("[^A-Za-z0-9_.-]", "_") + "/";
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(root + "data.pkl", ByteBuffer.wrap(pkl)));
        entries.add(new Entry(root + "byteorder", ByteBuffer.wrap("little".getBytes(StandardCharsets.US_ASCII))));
        for (PickleWriter.Storage s : pickler.storages()) {
            entries.add(new Entry(root + "data/" + s.key(), s.tensor().bytes()));
        }
        entries.add(new Entry(root + "version", ByteBuffer.wrap("3\n".getBytes(StandardCharsets.US_ASCII))));
        AtomicFiles.write(file, out -> writeZip(new CountingStream(out), entries));
    }

    private record Entry(String name, ByteBuffer data) {}

    private static void writeZip(CountingStream out, List<Entry> entries) throws IOException {
        if (entries.size() > 0xFFFF) {
            throw new WeightsFormatException("too many tensors for a zip32 checkpoint: " + entries.size());
        }
        ByteBuffer central = ByteBuffer.allocate(entries.stream().mapToInt(e -> 46 + utf8(e.name).length).sum())
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Entry e : entries) {
            byte[] nameBytes = utf8(e.name);
            long size = e.data.remaining();
            long offset = out.count;
            if (offset + size > ZIP32_LIMIT) {
                throw new WeightsFormatException("checkpoint over 4 GB: zip64 is not supported by this writer");
            }
            CRC32 crc = new CRC32();
            crc.update(e.data.duplicate());
            // torch's padding: "FB", uint16 length, then 'Z's up to the next 64-byte boundary
            long start = offset + 30 + nameBytes.length + 4;
            int pad = (int) ((ALIGNMENT - start % ALIGNMENT) % ALIGNMENT);
            ByteBuffer header = ByteBuffer.allocate(30 + nameBytes.length + 4 + pad).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0x21) // DOS time 0, date 1980-01-01
                    .putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                    .putShort((short) nameBytes.length).putShort((short) (4 + pad)).put(nameBytes)
                    .put((byte) 'F').put((byte) 'B').putShort((short) pad);
            for (int i = 0; i < pad; i++) {
                header.put((byte) 'Z');
            }
            out.write(header.array());
            Safetensors.writeBytes(out, e.data.duplicate());
            central.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc.getValue()).putInt((int) size).putInt((int) size)
                    .putShort((short) nameBytes.length).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putShort((short) 0).putInt(0).putInt((int) offset).put(nameBytes);
        }
        long centralOffset = out.count;
        if (centralOffset + central.capacity() > ZIP32_LIMIT) {
            throw new WeightsFormatException("checkpoint over 4 GB: zip64 is not supported by this writer");
        }
        out.write(central.array());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
                .putShort((short) entries.size()).putInt(central.capacity()).putInt((int) centralOffset)
                .putShort((short) 0);
        out.write(end.array());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Counts bytes written, for the offsets of the central directory and the alignment padding. */
    private static final class CountingStream extends OutputStream {
        private final OutputStream out;
        long count;

        CountingStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
