package studio.nada.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Expected values are Python 3.11's {@code html.unescape} on the same strings. */
class HtmlUnescapeTest {
    @Test
    void namedReferences() {
        assertEquals("&", HtmlUnescape.unescape("&amp;"));
        assertEquals("&", HtmlUnescape.unescape("&AMP;"));
        assertEquals("a<b>c", HtmlUnescape.unescape("a&lt;b&gt;c"));
        assertEquals("\u00a0x", HtmlUnescape.unescape("&nbsp;x"));
        assertEquals("\u00c9t\u00e9", HtmlUnescape.unescape("&Eacute;t&eacute;"));
        assertEquals("\u2242\u0338", HtmlUnescape.unescape("&NotEqualTilde;"));
        assertEquals("&unknown;", HtmlUnescape.unescape("&unknown;"));
        assertEquals("& amp;", HtmlUnescape.unescape("& amp;"));
    }

    @Test
    void legacyNamesNeedNoSemicolonAndMatchTheLongestPrefix() {
        assertEquals("&foo", HtmlUnescape.unescape("&ampfoo"));
        assertEquals("\u00a92024", HtmlUnescape.unescape("&copy2024"));
        assertEquals("\u00acit;", HtmlUnescape.unescape("&notit;"));
        assertEquals("\u2209", HtmlUnescape.unescape("&notin;"));
    }

    @Test
    void numericReferences() {
        assertEquals("A", HtmlUnescape.unescape("&#65"));
        assertEquals("A&#x;", HtmlUnescape.unescape("&#X41;&#x;"));
        assertEquals("\ud83d\ude00", HtmlUnescape.unescape("&#x1F600;"));
        assertEquals("\r", HtmlUnescape.unescape("&#13;"));
        // C1 numbers mean Windows-1252, except the five bytes it leaves undefined.
        assertEquals("\u20ac", HtmlUnescape.unescape("&#128;"));
        assertEquals("\u0081", HtmlUnescape.unescape("&#129;"));
        // Invalid code points: replaced, or dropped where HTML5 says so.
        assertEquals("\ufffd", HtmlUnescape.unescape("&#0;"));
        assertEquals("\ufffd", HtmlUnescape.unescape("&#xD800;"));
        assertEquals("\ufffd", HtmlUnescape.unescape("&#1114112;"));
        assertEquals("\ufffd", HtmlUnescape.unescape("&#99999999999999999999;"));
        assertEquals("", HtmlUnescape.unescape("&#11;"));
        assertEquals("", HtmlUnescape.unescape("&#xFFFE;"));
    }
}
