package studio.nada.clip;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's {@code bytes_to_unicode}: every byte gets a printable character (printable Latin-1
 * bytes stand for themselves, the rest map to U+0100 upwards), so BPE works on strings without
 * whitespace or control characters.
 */
final class ByteSymbols {
    /** The 256 symbols in upstream's order (printable bytes first), which is also the vocabulary's. */
    static final char[] IN_VOCAB_ORDER = new char[256];
    private static final char[] BY_BYTE = new char[256];

    static {
        int index = 0;
        boolean[] printable = new boolean[256];
        for (int b = 0; b < 256; b++) {
            printable[b] = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            if (printable[b]) {
                BY_BYTE[b] = (char) b;
                IN_VOCAB_ORDER[index++] = (char) b;
            }
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!printable[b]) {
                BY_BYTE[b] = (char) (256 + n++);
                IN_VOCAB_ORDER[index++] = BY_BYTE[b];
            }
        }
    }

    private ByteSymbols() {}

    /** The UTF-8 bytes of a piece of text, one symbol per byte. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] symbols = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            symbols[i] = BY_BYTE[bytes[i] & 0xFF];
        }
        return new String(symbols);
    }
}
