package studio.nada.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.nada.testing.Cli;

/** Each format is told by its full signature, not by its first byte. */
class FormatDetectionTest {
    @TempDir
    Path dir;

    /** About one 8-byte-padded header length in 32 has 0x80, the legacy pickle's first byte, as its low byte. */
    @Test
    void aSafetensorsFileWhoseHeaderLengthStartsWith0x80Loads() throws Exception {
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("w", TensorData.ofFloats(new long[] {2}, new float[] {1.5f, -2f}));
        Path file = dir.resolve("w.safetensors");
        for (int pad = 0; pad < 512 && lowByteOfHeaderLength(file) != 0x80; pad++) {
            Safetensors.write(file, tensors, Map.of("pad", "x".repeat(pad)));
        }
        assertEquals(0x80, lowByteOfHeaderLength(file));
        Checkpoints.Contents c = Checkpoints.load(file);
        assertEquals(Checkpoints.Format.SAFETENSORS, c.format());
        assertArrayEquals(new float[] {1.5f, -2f}, Checkpoints.tensors(file).get("w").toFloatArray());
        Cli.Run inspect = Cli.run("inspect", file.toString());
        assertEquals(0, inspect.code(), inspect.out() + inspect.err());
    }

    @Test
    void aPickleWithoutPyTorchsMagicNumberIsNotTakenForALegacyCheckpoint() throws Exception {
        Path file = Files.write(dir.resolve("plain.pkl"), new byte[] {(byte) 0x80, 2, 'K', 7, '.'});
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.load(file));
        assertTrue(e.getMessage().contains("not a checkpoint this studio reads"), e.getMessage());
    }

    @Test
    void aLegacyCheckpointIsKnownByItsMagicNumberFramedOrNot() {
        byte[] magic = {(byte) 0x8a, 10, 0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a, (byte) 0xa8,
            0x50, 0x19, '.'};
        ByteArrayOutputStream p2 = new ByteArrayOutputStream();
        p2.write(0x80);
        p2.write(2);
        p2.writeBytes(magic);
        assertTrue(Checkpoints.isLegacyTorch(p2.toByteArray()));
        ByteArrayOutputStream p4 = new ByteArrayOutputStream();
        p4.write(0x80);
        p4.write(4);
        p4.write(0x95);
        p4.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(magic.length).array());
        p4.writeBytes(magic);
        assertTrue(Checkpoints.isLegacyTorch(p4.toByteArray()));
    }

    @Test
    void aFolderIsNamedAsAFolder() {
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Checkpoints.load(dir));
        assertEquals(dir + " is a folder, not a weights file", e.getMessage());
    }

    private static int lowByteOfHeaderLength(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllBytes(file)[0] & 0xff : -1;
    }
}
