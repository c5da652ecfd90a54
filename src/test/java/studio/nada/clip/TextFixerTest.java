package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** ftfy 6.3's documented behaviour for the fixes ported (mojibake repair is not). */
class TextFixerTest {
    @Test
    void entitiesOnlyWhereTheLineIsNotHtml() {
        assertEquals("<tag> & \u00d1", TextFixer.fixText("&lt;tag&gt; &amp;amp; &NTILDE;"));
        assertEquals("<b>&amp;</b>", TextFixer.fixText("<b>&amp;</b>"));
        // Once a line holds '<', later lines keep their entities too.
        assertEquals("&\n<b>\n&amp;", TextFixer.fixText("&amp;\n<b>\n&amp;"));
    }

    @Test
    void characterFixes() {
        assertEquals("flop LOUD I'm \"x\"", TextFixer.fixText("\ufb02op \uff2c\uff2f\uff35\uff24 I\u2019m \u201cx\u201d"));
        assertEquals("I'm blue", TextFixer.fixText("\u001b[36;44mI'm blue\u001b[m"));
        assertEquals("abc", TextFixer.fixText("a\u0000b\u000bc\ufeff"));
        assertEquals("a\nb\nc", TextFixer.fixText("a\r\nb\u2028c"));
        assertEquals("\u20ac5", TextFixer.fixText("\u00805"));
        assertEquals("caf\u00e9 \ufffd", TextFixer.fixText("cafe\u0301 \ud800"));
        assertEquals("'n", TextFixer.fixText("\u0149"));
    }
}
