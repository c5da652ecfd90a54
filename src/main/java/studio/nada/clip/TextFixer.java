package studio.nada.clip;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of {@code ftfy.fix_text} (6.3, default settings) that CLIP prompts meet: HTML entities
 * (only where the line has no {@code <}), C1 controls read as Windows-1252, Latin ligatures,
 * full-width forms, curly quotes, line breaks, lone surrogates, terminal escapes, control
 * characters and NFC, repeated per line until nothing changes, as ftfy does.
 *
 * <p>Not ported: ftfy's mojibake repair ({@code fix_encoding}), a heuristic over many codecs; text
 * that is already valid Unicode, as typed prompts are, passes through it unchanged.
 */
final class TextFixer {
    private static final Pattern FTFY_ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[[\\d;]*[a-zA-Z]",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Map<String, String> FTFY_ENTITIES = ftfyEntities();
    private static final Map<Character, String> LIGATURES = Map.ofEntries(
            Map.entry('\u0132', "IJ"), Map.entry('\u0133', "ij"), Map.entry('\u0149', "\u02bcn"),
            Map.entry('\u01f1', "DZ"), Map.entry('\u01f2', "Dz"), Map.entry('\u01f3', "dz"),
            Map.entry('\u01c4', "D\u017d"), Map.entry('\u01c5', "D\u017e"), Map.entry('\u01c6', "d\u017e"),
            Map.entry('\u01c7', "LJ"), Map.entry('\u01c8', "Lj"), Map.entry('\u01c9', "lj"),
            Map.entry('\u01ca', "NJ"), Map.entry('\u01cb', "Nj"), Map.entry('\u01cc', "nj"),
            Map.entry('\ufb00', "ff"), Map.entry('\ufb01', "fi"), Map.entry('\ufb02', "fl"),
            Map.entry('\ufb03', "ffi"), Map.entry('\ufb04', "ffl"), Map.entry('\ufb05', "\u017ft"),
            Map.entry('\ufb06', "st"));

    private TextFixer() {}

    /** ftfy works line by line; once a line holds {@code <} it leaves entities alone from there on. */
    static String fixText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean unescapeHtml = true;
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos) + 1;
            if (end == 0) {
                end = text.length();
            }
            String segment = text.substring(pos, end);
            if (segment.indexOf('<') >= 0) {
                unescapeHtml = false;
            }
            out.append(fixSegment(segment, unescapeHtml));
            pos = end;
        }
        return out.toString();
    }

    private static String fixSegment(String text, boolean unescapeHtml) {
        while (true) {
            String original = text;
            if (unescapeHtml) {
                text = unescapeEntities(text);
            }
            text = fixC1Controls(text);
            text = translate(text);
            text = text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n')
                    .replace('\u2029', '\n').replace('\u0085', '\n');
            text = replaceLoneSurrogates(text);
            text = TERMINAL_ESCAPE.matcher(text).replaceAll("");
            text = removeControlChars(text);
            text = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (text.equals(original)) {
                return text;
            }
        }
    }

    /** ftfy's own entity pass: complete {@code &name;} references, plus upper-cased lower-case names. */
    private static String unescapeEntities(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = FTFY_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String ref = m.group();
            String value = FTFY_ENTITIES.get(ref);
            if (value == null) {
                value = ref;
                if (ref.startsWith("&#")) {
                    String numeric = HtmlUnescape.unescape(ref);
                    value = numeric.contains(";") ? ref : numeric;
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> ftfyEntities() {
        Map<String, String> map = new HashMap<>();
        HtmlUnescape.HTML5.forEach((name, value) -> {
            if (!name.endsWith(";")) {
                return;
            }
            map.put("&" + name, value);
            if (name.equals(name.toLowerCase(Locale.ROOT))) {
                String upper = "&" + name.toUpperCase(Locale.ROOT);
                if (HtmlUnescape.unescape(upper).equals(upper)) {
                    map.put(upper, value.toUpperCase(Locale.ROOT));
                }
            }
        });
        return map;
    }

    private static String fixC1Controls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && c <= 0x9F) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(Windows1252.decodeC1(c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Ligatures, full-width forms and curly quotes: single characters replaced by others. */
    private static String translate(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String ligature = LIGATURES.get(c);
            if (ligature != null) {
                out.append(ligature);
            } else if (c == '\u3000') {
                out.append(' ');
            } else if (c >= 0xFF01 && c <= 0xFFEF) {
                // ftfy's width map: NFKC of each half/full-width form that has a different one.
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else if (c == '\u02bc' || (c >= '\u2018' && c <= '\u201b')) {
                out.append('\'');
            } else if (c >= '\u201c' && c <= '\u201f') {
                out.append('"');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            out.appendCodePoint(Character.isSurrogate((char) cp) && cp < 0x10000 ? 0xFFFD : cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** ftfy drops C0 controls other than tab, line feed, form feed and CR, plus a few format marks. */
    private static String removeControlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F
                    || (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFC);
            if (!control) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
