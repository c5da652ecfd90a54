package studio.nada.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes safetensors files: 8-byte little-endian header length, a JSON header, then the data.
 * Tensors are read one by one through the channel, so files over 2 GB never become one array.
 * Header order and {@code __metadata__} are kept.
 */
public final class Safetensors {
    /** Headers larger than this are refused before allocating (real headers are a few hundred KB). */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {}

    /** The tensors of a file, in header order, and its metadata. */
    public record Contents(Map<String, TensorData> tensors, Map<String, String> metadata) {}

    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = header(file, ch);
            long dataStart = header.dataStart();
            long dataLen = ch.size() - dataStart;
            Map<String, TensorData> tensors = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.json().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (!e.getKey().equals("__metadata__")) {
                    tensors.put(e.getKey(), readTensor(file, ch, e.getKey(), e.getValue(), dataStart, dataLen));
                }
            }
            return new Contents(Collections.unmodifiableMap(tensors), metadata(header.json()));
        }
    }

    /** A file's metadata alone, from its header: no tensor bytes are read (a CLIP can be 600 MB). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return metadata(header(file, ch).json());
        }
    }

    private static Map<String, String> metadata(JsonNode header) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = header.get("__metadata__");
        if (meta != null) {
            meta.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
        }
        return Collections.unmodifiableMap(metadata);
    }

    /** A parsed header and where the tensor bytes start. */
    private record Header(JsonNode json, long dataStart) {}

    /** The header, checked: its stated length fits the file, and it is a JSON object. */
    private static Header header(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new WeightsFormatException(file + ": too short to be a safetensors file (" + size + " bytes)");
        }
        long headerLen = readFully(ch, 0, 8).getLong();
        if (headerLen <= 0 || headerLen > MAX_HEADER_BYTES || 8 + headerLen > size) {
            throw new WeightsFormatException(file + ": not a safetensors file (header length " + headerLen
                    + " for a file of " + size + " bytes)");
        }
        ByteBuffer headerBuf = readFully(ch, 8, (int) headerLen);
        String headerText = StandardCharsets.UTF_8.decode(headerBuf).toString();
        JsonNode header;
        try {
            header = JSON.readTree(headerText.trim());
        } catch (IOException e) {
            throw new WeightsFormatException(file + ": safetensors header is not valid JSON: " + JsonErrors.describe(e));
        }
        if (header == null || !header.isObject()) {
            throw new WeightsFormatException(file + ": safetensors header is not a JSON object");
        }
        return new Header(header, 8 + headerLen);
    }

    private static TensorData readTensor(Path file, FileChannel ch, String name, JsonNode info, long dataStart,
            long dataLen) throws IOException {
        JsonNode dtypeNode = info.get("dtype");
        JsonNode shapeNode = info.get("shape");
        JsonNode offsets = info.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || offsets == null || offsets.size() != 2) {
            throw new WeightsFormatException(file + ": tensor '" + name + "' lacks dtype, shape or data_offsets");
        }
        DType dtype;
        try {
            dtype = DType.fromSafetensors(dtypeNode.asText());
        } catch (IllegalArgumentException ex) {
            throw new WeightsFormatException(file + ": tensor '" + name + "': " + ex.getMessage());
        }
        long[] shape = new long[shapeNode.size()];
        long numel = 1;
        long expected;
        try {
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw new WeightsFormatException(file + ": tensor '" + name + "' has a negative dimension");
                }
                numel = Math.multiplyExact(numel, shape[i]);
            }
            expected = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new WeightsFormatException(file + ": tensor '" + name + "' declares shape " + shapeNode + " of "
                    + dtype + ", more bytes than a 64-bit size can count: a damaged or forged header");
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLen || end - begin != expected) {
            throw new WeightsFormatException(file + ": tensor '" + name + "' declares bytes [" + begin + ", " + end
                    + ") but needs " + expected + " within " + dataLen + " data bytes");
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw new WeightsFormatException(file + ": tensor '" + name + "' is over 2 GB, which is not supported");
        }
        return new TensorData(dtype, shape, readFully(ch, dataStart + begin, (int) expected));
    }

    /**
     * Writes tensors (in the map's order) and metadata, atomically. The header is padded with
     * spaces to a multiple of 8 bytes, so every tensor starts 8-byte aligned.
     */
    public static void write(Path file, Map<String, TensorData> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                throw new WeightsFormatException("a tensor cannot be named __metadata__");
            }
            TensorData t = e.getValue();
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", t.dtype().safetensorsName());
            ArrayNode shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long size = t.bytes().remaining();
            info.putArray("data_offsets").add(offset).add(offset + size);
            offset += size;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] head = Arrays.copyOf(json, padded);
        Arrays.fill(head, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(head);
            for (TensorData t : tensors.values()) {
                writeBytes(out, t.bytes());
            }
        });
    }

    static void writeBytes(OutputStream out, ByteBuffer bytes) throws IOException {
        byte[] chunk = new byte[(int) Math.min(bytes.remaining(), 1 << 20)];
        while (bytes.hasRemaining()) {
            int n = Math.min(chunk.length, bytes.remaining());
            bytes.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    static ByteBuffer readFully(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new WeightsFormatException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
        buf.flip();
        return buf;
    }
}
