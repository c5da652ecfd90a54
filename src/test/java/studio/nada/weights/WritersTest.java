package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Fixtures;

/** Safetensors and PyTorch checkpoint writers, round-tripped through the readers. */
class WritersTest {
    @TempDir
    Path dir;

    private static Map<String, TensorData> sample() {
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("z.weight", TensorData.ofFloats(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, Float.NaN}));
        t.put("a.count", TensorData.ofLongs(new long[] {}, new long[] {7}));
        t.put("half", new TensorData(DType.F16, new long[] {2},
                ByteBuffer.wrap(new byte[] {0, 0x3c, 0, (byte) 0xc0}))); // 1.0, -2.0
        t.put("bf16", new TensorData(DType.BF16, new long[] {1}, ByteBuffer.wrap(new byte[] {(byte) 0x80, 0x3f})));
        t.put("empty", TensorData.ofFloats(new long[] {0, 4}, new float[0]));
        return t;
    }

    private static void assertSameTensors(Map<String, TensorData> expected, Map<String, TensorData> actual) {
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(actual.keySet()));
        expected.forEach((k, v) -> {
            assertEquals(v.dtype(), actual.get(k).dtype(), k);
            assertArrayEquals(v.shape(), actual.get(k).shape(), k);
            assertEquals(v.bytes(), actual.get(k).bytes(), k);
        });
    }

    @Test
    void safetensorsRoundTripKeepsOrderMetadataAndAlignment() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, sample(), Map.of("format", "pt"));
        Safetensors.Contents back = Safetensors.read(file);
        assertSameTensors(sample(), back.tensors());
        assertEquals(Map.of("format", "pt"), back.metadata());
        long headerLen = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void metadataIsReadFromTheHeaderAlone() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, sample(), Map.of("tokenizer", "shapes_vocab.txt"));
        long headerEnd = 8 + ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        // cut the tensor bytes short: read() must refuse the file, metadata() never looks at them
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(headerEnd + 1);
        }
        assertEquals(Map.of("tokenizer", "shapes_vocab.txt"), Safetensors.metadata(file));
        assertThrows(WeightsFormatException.class, () -> Safetensors.read(file));
        Path none = dir.resolve("n.safetensors");
        Safetensors.write(none, sample(), Map.of());
        assertEquals(Map.of(), Safetensors.metadata(none));
    }

    @Test
    void failedWriteLeavesTargetAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("keep.pt");
        Files.writeString(file, "old");
        Map<String, Object> bad = Map.of("x", new Object());
        assertThrows(WeightsFormatException.class, () -> TorchCheckpointWriter.write(file, bad));
        AtomicFiles.Content failing = out -> {
            out.write(1);
            throw new IOException("disk full");
        };
        assertThrows(IOException.class, () -> AtomicFiles.write(file, failing));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void torchCheckpointRoundTripsThroughTheReader() throws IOException {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("g_ema", new LinkedHashMap<>(sample()));
        tree.put("latent_avg", TensorData.ofFloats(new long[] {3}, new float[] {0.5f, -1, 2}));
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("size", 256L);
        args.put("lr", 0.002);
        args.put("name", "sketch");
        args.put("flags", List.of(true, false));
        args.put("nothing", null);
        args.put("big", 1L << 40);
        args.put("negative", -5L);
        tree.put("args", args);
        Path file = dir.resolve("adapted.pt");
        TorchCheckpointWriter.write(file, tree);

        Checkpoints.Contents c = Checkpoints.load(file);
        assertEquals(Checkpoints.Format.TORCH_ZIP, c.format());
        Map<?, ?> top = (Map<?, ?>) c.tree();
        assertEquals(List.of("g_ema", "latent_avg", "args"), new ArrayList<>(top.keySet()));
        assertEquals(args, top.get("args"));
        assertSameTensors(sample(), Checkpoints.stateDict(file, "g_ema"));
        assertEquals(2.0, ((TensorData) top.get("latent_avg")).getDouble(2));
        assertTorchLayout(file, "adapted/", 1 + 1 + 6 + 1);
    }

    @Test
    void goldenGeneratorRewrittenIsIdentical() throws IOException {
        Path golden = Fixtures.golden("sg2_tiny.pt");
        Object tree = Checkpoints.read(golden);
        Path file = dir.resolve("sg2_copy.pt");
        TorchCheckpointWriter.write(file, tree);
        assertSameTensors(Checkpoints.tensors(golden), Checkpoints.tensors(file));
        assertTorchLayout(file, "sg2_copy/", 1 + 1 + 74 + 1);
    }

    /** Entries STORED, data 64-byte aligned, version and byteorder records, as torch.save writes them. */
    private static void assertTorchLayout(Path file, String root, int entries) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(entries, zip.size());
            assertEquals("3\n", new String(zip.getInputStream(zip.getEntry(root + "version")).readAllBytes()));
            assertEquals("little", new String(zip.getInputStream(zip.getEntry(root + "byteorder")).readAllBytes()));
            Enumeration<? extends ZipEntry> all = zip.entries();
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int offset = 0;
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                assertTrue(e.getName().startsWith(root), e.getName());
                assertEquals(0x04034b50, buf.getInt(offset));
                int dataStart = offset + 30 + buf.getShort(offset + 26) + buf.getShort(offset + 28);
                assertEquals(0, dataStart % 64, e.getName() + " data starts 64-byte aligned");
                offset = dataStart + (int) e.getSize();
            }
        }
    }
}
