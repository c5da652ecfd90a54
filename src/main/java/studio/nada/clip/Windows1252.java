package studio.nada.clip;

import java.nio.charset.Charset;

/** The C1 range read as Windows-1252, as both html.unescape and ftfy do for stray C1 controls. */
final class Windows1252 {
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private Windows1252() {}

    /**
     * The Windows-1252 character for a C1 control (U+0080..U+009F); the five bytes that code page
     * leaves undefined keep their C1 character (Python's table and ftfy's "sloppy" codec agree).
     */
    static String decodeC1(char c) {
        String decoded = new String(new byte[] {(byte) c}, CP1252);
        return decoded.equals("\uFFFD") ? String.valueOf(c) : decoded;
    }
}
