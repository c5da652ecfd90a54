package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and corrupt files are refused with a clear message; nothing in them is ever run. */
class HostileInputTest {
    @TempDir
    Path dir;

    /** A zip with {@code archive/data.pkl} = pickle, plus optional extra STORED entries. */
    private Path zip(String name, byte[] pickle, Map<String, byte[]> extra) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(pickle);
            z.closeEntry();
            for (Map.Entry<String, byte[]> e : extra.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setCrc(crc.getValue());
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return file;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void osSystemIsRefusedWithoutRunning() throws IOException {
        Path marker = dir.resolve("pwned");
        Path file = zip("evil.pt", ascii("cos\nsystem\n(S'echo pwned > " + marker + "'\ntR."), Map.of());
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains("refusing to load global os.system"), e.getMessage());
        assertFalse(Files.exists(marker));
    }

    @Test
    void stackGlobalEvalIsRefused() throws IOException {
        // protocol 4: SHORT_BINUNICODE 'builtins', 'eval', STACK_GLOBAL, then eval("...") via REDUCE
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(new byte[] {(byte) 0x80, 4, (byte) 0x8c, 8});
        p.writeBytes(ascii("builtins"));
        p.write(new byte[] {(byte) 0x8c, 4});
        p.writeBytes(ascii("eval"));
        p.write(0x93);
        String code = "__import__('os').system('touch " + dir.resolve("pwned2") + "')";
        p.write(new byte[] {(byte) 0x8c, (byte) code.length()});
        p.writeBytes(ascii(code));
        p.writeBytes(ascii("\u0085R."));
        Path file = zip("evil2.pt", p.toByteArray(), Map.of());
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains("builtins.eval"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("pwned2")));
    }

    @Test
    void moduleClassesAreRefusedOutsideTorchScript() throws IOException {
        Path file = zip("module.pt", ascii("\u0080\u0002c__torch__.evil\nX\n)\u0081."), Map.of());
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains("__torch__.evil.X"), e.getMessage());
    }

    /** {'w': tensor} whose storage '0' declares numel floats. */
    private static byte[] tensorPickle(int numel) {
        return ascii("\u0080\u0002}X\u0001\u0000\u0000\u0000wctorch._utils\n_rebuild_tensor_v2\n((X\u0007\u0000\u0000\u0000"
                + "storagectorch\nFloatStorage\nX\u0001\u0000\u0000\u00000X\u0003\u0000\u0000\u0000cpuJ"
                + new String(new byte[] {(byte) numel, (byte) (numel >> 8), (byte) (numel >> 16), (byte) (numel >> 24)},
                        StandardCharsets.ISO_8859_1)
                + "tQK\u0000K\u0002\u0085K\u0001\u0085\u0089ccollections\nOrderedDict\n)RtRs.");
    }

    @Test
    void wellFormedHandMadeTensorReads() throws IOException {
        byte[] data = new byte[8];
        data[3] = 0x3f; // 0.5f little-endian is 00 00 00 3f
        Path file = zip("ok.pt", tensorPickle(2), Map.of("archive/data/0", data));
        assertTrue(Checkpoints.tensors(file).containsKey("w"));
    }

    @Test
    void storageLargerThanItsEntryIsRefused() throws IOException {
        Path file = zip("big.pt", tensorPickle(1 << 30), Map.of("archive/data/0", new byte[8]));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains("declares 4294967296 bytes"), e.getMessage());
    }

    @Test
    void tensorBeyondItsStorageIsRefused() throws IOException {
        Path file = zip("short.pt", tensorPickle(1), Map.of("archive/data/0", new byte[4]));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        assertTrue(e.getMessage().contains("holds only 1"), e.getMessage());
    }

    @Test
    void truncatedZipIsRefused() throws IOException {
        Path good = zip("whole.pt", tensorPickle(2), Map.of("archive/data/0", new byte[8]));
        byte[] bytes = Files.readAllBytes(good);
        for (int cut : new int[] {bytes.length / 2, bytes.length - 10, 10}) {
            Path file = dir.resolve("cut" + cut + ".pt");
            Files.write(file, Arrays.copyOf(bytes, cut));
            WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
            assertTrue(e.getMessage().contains("cut" + cut + ".pt"), e.getMessage());
        }
    }

    @Test
    void truncatedPickleAndGarbageAreRefused() throws IOException {
        byte[] whole = tensorPickle(2);
        for (int cut = 1; cut < whole.length; cut += 7) {
            Path file = zip("p" + cut + ".pt", Arrays.copyOf(whole, cut), Map.of("archive/data/0", new byte[8]));
            assertThrows(WeightsFormatException.class, () -> Checkpoints.read(file));
        }
        Path garbage = dir.resolve("garbage.bin");
        Files.write(garbage, ascii("\u0080\u0002hello world, not a checkpoint"));
        assertThrows(WeightsFormatException.class, () -> Checkpoints.read(garbage));
    }
}
